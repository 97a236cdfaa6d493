# thon.gp: share of residents who took part, by thôn, best first, beside the previous period.
# Data: $DATA rows "rank pct prev_pct" (NaN when unknown); NAMES[rank] the thôn names; N rows.
set title TITLE font FONT.',26'
set decimalsign ','
set xlabel 'Tỷ lệ cư dân tham gia (%)'
set xrange [0:*]
set offsets 0, graph 0.08, 0, 0
set yrange [N+0.6:0.4]
set ytics nomirror
set grid xtics lc rgb '#dddddd'
set key bottom right box opaque
set style fill solid 0.9 noborder
plot $DATA using ($2/2):($1-0.19):($2/2):(0.18):ytic(NAMES[int($1)]) with boxxyerror lc rgb '#1f5fa8' title 'Kỳ này', \
     $DATA using ($3/2):($1+0.19):($3/2):(0.18) with boxxyerror lc rgb '#9ecae1' title 'Kỳ trước', \
     $DATA using ($2):($1-0.19):(gprintf('%.1f', $2)) with labels left offset 0.6,0 notitle
