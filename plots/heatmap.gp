# heatmap.gp: messages by weekday (rows, Monday first) and hour of the day (columns).
# Data: $DATA a 7x24 matrix of counts, row 0 = Monday, column 0 = 0:00-0:59.
set title TITLE font FONT.',26'
set decimalsign ','
set xrange [-0.5:23.5]
set yrange [6.5:-0.5]
set xtics 0,1,23 out nomirror
set ytics ('Thứ Hai' 0, 'Thứ Ba' 1, 'Thứ Tư' 2, 'Thứ Năm' 3, 'Thứ Sáu' 4, 'Thứ Bảy' 5, 'Chủ nhật' 6) out nomirror
set xlabel 'Giờ trong ngày'
set palette defined (0 '#ffffff', 1 '#c6dbef', 3 '#4292c6', 6 '#08306b')
set cblabel 'Số tin nhắn'
set cbrange [0:*]
unset key
plot $DATA matrix with image, \
     $DATA matrix using 1:2:($3 > 0 ? sprintf('%d', $3) : '') with labels font FONT.',14'
