# weekly.gp: messages per week, officers beside residents, the total as a line.
# Data: $DATA rows "week_start total officer resident" (week_start a Monday, YYYY-MM-DD).
set title TITLE font FONT.',26'
set decimalsign ','
set xdata time
set timefmt '%Y-%m-%d'
set format x '%d/%m'
set xtics rotate by -45
set xlabel 'Tuần (bắt đầu từ thứ Hai)'
set ylabel 'Số tin nhắn'
set yrange [0:*]
set offsets 0, 0, graph 0.2, 0
set grid ytics lc rgb '#dddddd'
set key inside top left horizontal box opaque
set style fill solid 0.9 noborder
set boxwidth 2.4*86400 absolute
day = 86400
# From the Monday of the period's first week to the end of its last day.
if (exists('PSTART')) { t0 = strptime('%Y-%m-%d', PSTART); set xrange [t0 - (int(strftime('%w', t0)) + 6) % 7 * day : strptime('%Y-%m-%d', PEND) + day] }
plot $DATA using (timecolumn(1,'%Y-%m-%d')+2.2*day):3 with boxes lc rgb '#1f5fa8' title 'Công an', \
     $DATA using (timecolumn(1,'%Y-%m-%d')+4.8*day):4 with boxes lc rgb '#f28e2b' title 'Người dân', \
     $DATA using (timecolumn(1,'%Y-%m-%d')+3.5*day):2 with linespoints lw 3 pt 7 ps 1.2 lc rgb '#333333' title 'Tổng số tin nhắn', \
     $DATA using (timecolumn(1,'%Y-%m-%d')+3.5*day):(NaN):xtic(strftime('%d/%m', timecolumn(1,'%Y-%m-%d'))) notitle
