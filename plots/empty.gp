# empty.gp: a chart with nothing to draw says why (NODATA) under its title.
# Variables: TITLE, FONT, NODATA.
set title TITLE font FONT.',26'
unset border
unset tics
unset key
set xrange [0:1]
set yrange [0:1]
set label 1 NODATA at 0.5,0.5 center font FONT.',28' textcolor rgb '#555555'
plot 2 notitle
