# compare_tips.gp: tips per 1,000 residents (left) and the share of tips
# answered (right) by commune, sorted by the first; one page of communes.
# Data: $DATA rows "rank per1000 answered_pct …" (NaN when unknown or withheld);
# NAMES[rank] the communes (wrapped); NOTES[rank] what to say where a figure is
# missing; N rows; H the chart's height in pixels.
set multiplot title TITLE font FONT.',26'
set decimalsign ','
set yrange [N+0.7:0.3]
set grid xtics ytics lc rgb '#e8e8e8'
unset key
set offsets 0, graph 0.15, 0, 0
set lmargin at screen 0.25
set rmargin at screen 0.60
set tmargin at screen 1 - 150.0/H
set bmargin at screen 130.0/H
set ytics 1
set xrange [0:*]
set xlabel 'Số tin báo trên 1.000 cư dân'
set ytics nomirror font FONT.',17'
plot $DATA using (0):1:ytic(NAMES[int($1)]) with points ps 0, \
     $DATA using 2:1 with points pt 7 ps 2.2 lc rgb '#1f5fa8', \
     $DATA using 2:1:(gprintf('%.1f', $2)) with labels left offset 1.5,0, \
     $DATA using (0):1:(NOTES[int($1)]) with labels left offset 0.8,0 textcolor rgb '#777777'
set lmargin at screen 0.64
set rmargin at screen 0.97
set xrange [0:110]
set xtics 0,20,100
set ytics 1
set xlabel 'Tỷ lệ tin báo được trả lời (%)'
set ytics format ''
plot $DATA using 3:1 with points pt 7 ps 2.2 lc rgb '#2ca02c', \
     $DATA using 3:1:(gprintf('%.1f', $3)) with labels left offset 1.5,0
unset multiplot
