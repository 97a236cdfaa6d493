# tips_monthly.gp: tips each month, stacked by category.
# Data: $DATA rows "month_index count_1 … count_NCAT"; MONTHS[i] "MM/YYYY"; CATS[c] labels.
set title TITLE font FONT.',26'
set decimalsign ','
set style data histograms
set style histogram rowstacked
set style fill solid 0.9 border rgb 'white'
set boxwidth 0.6
set yrange [0:*]
set xlabel 'Tháng'
set ylabel 'Số tin báo, phản ánh'
set grid ytics lc rgb '#dddddd'
set key outside right top vertical box
plot for [c=1:NCAT] $DATA using (column(c+1)):xtic(MONTHS[int(column(1))]) title CATS[c]
