# membership.gp: members who joined (up) and left (down) the groups, day by day.
# Data: $DATA rows "date joins leaves" (YYYY-MM-DD).
set title TITLE font FONT.',26'
set decimalsign ','
set xdata time
set timefmt '%Y-%m-%d'
set format x '%d/%m'
set xtics rotate by -45
set xlabel 'Ngày'
set ylabel 'Số người'
set grid ytics lc rgb '#dddddd'
set key inside top left horizontal box opaque
set style fill solid 0.9 noborder
set boxwidth 0.8*86400 absolute
set xzeroaxis lt -1
set offsets 0, 0, graph 0.25, graph 0.1
if (exists('PSTART')) set xrange [strptime('%Y-%m-%d', PSTART) - 86400 : strptime('%Y-%m-%d', PEND) + 86400]
plot $DATA using (timecolumn(1,'%Y-%m-%d')):2 with boxes lc rgb '#59a14f' title 'Vào nhóm', \
     $DATA using (timecolumn(1,'%Y-%m-%d')):(-$3) with boxes lc rgb '#e15759' title 'Rời nhóm'
