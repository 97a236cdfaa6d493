# compare_dots.gp: one figure per commune as a dot, beside a second one (the
# previous period, or the 90th percentile beside the median) as a ring joined to
# it; communes sorted by the figure, one page of them.
# Data: $DATA rows "rank x1 x2 xl v1 v2" (NaN when unknown): x1, x2 where the
# two dots go, xl where the values are written (right of both dots), v1 and v2
# as they are (BOTH: write both, else v1 only); NAMES[rank] the
# communes (wrapped); NOTES[rank] what to say where v1 is missing ('' otherwise);
# N rows; XLABEL, KEY1, KEY2 (the series' names), FMT (the values' format), XA
# (the axis's start, where names and notes hang), LOGX (1: a log scale).
set title TITLE font FONT.',26'
set decimalsign ','
set xlabel XLABEL
set xrange [XA:*]
if (LOGX) set logscale x 10
set offsets 0, graph (BOTH ? 0.22 : 0.12), 0, 0
set yrange [N+0.7:0.3]
set ytics nomirror font FONT.',17'
set grid xtics ytics lc rgb '#e8e8e8'
set key below horizontal font FONT.',20'
plot $DATA using (XA):1:ytic(NAMES[int($1)]) with points ps 0 notitle, \
     $DATA using 2:1:($3-$2):(0) with vectors nohead lc rgb '#bbbbbb' lw 3 notitle, \
     $DATA using 3:1 with points pt 6 ps 2.2 lw 2 lc rgb '#6baed6' title KEY2, \
     $DATA using 2:1 with points pt 7 ps 2.2 lc rgb '#1f5fa8' title KEY1, \
     $DATA using 4:1:(BOTH && $6 == $6 ? gprintf(FMT, $5).' – '.gprintf(FMT, $6) : gprintf(FMT, $5)) with labels left offset 1.5,0 notitle, \
     $DATA using (XA):1:(NOTES[int($1)]) with labels left offset 0.8,0 textcolor rgb '#777777' notitle
