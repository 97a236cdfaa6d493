# response.gp: how long tips and questions waited for a first answer, with the
# 15 minute, 1 hour and 24 hour marks between the buckets.
# Data: $DATA rows "bucket tips questions", buckets 1..6 as in response_buckets.csv.
set title TITLE font FONT.',26'
set decimalsign ','
set xrange [0.4:6.6]
set yrange [0:*]
set offsets 0, 0, graph 0.12, 0
set xtics ('đến 15 phút' 1, '15–60 phút' 2, '1–4 giờ' 3, '4–24 giờ' 4, 'trên 24 giờ' 5, 'chưa trả lời' 6)
set xlabel 'Thời gian từ khi báo đến lần trả lời đầu tiên'
set ylabel 'Số tin'
set grid ytics lc rgb '#dddddd'
set key inside right center vertical box opaque
set style fill solid 0.9 noborder
set arrow 1 from 1.5, graph 0 to 1.5, graph 1 nohead dt 2 lw 2 lc rgb '#c0392b'
set arrow 2 from 2.5, graph 0 to 2.5, graph 1 nohead dt 2 lw 2 lc rgb '#c0392b'
set arrow 3 from 4.5, graph 0 to 4.5, graph 1 nohead dt 2 lw 2 lc rgb '#c0392b'
set label 11 '15 phút' at 1.5, graph 0.96 left front textcolor rgb '#c0392b' offset 0.5,0
set label 12 '1 giờ' at 2.5, graph 0.96 left front textcolor rgb '#c0392b' offset 0.5,0
set label 13 '24 giờ' at 4.5, graph 0.96 left front textcolor rgb '#c0392b' offset 0.5,0
set boxwidth 0.36
plot $DATA using ($1-0.19):2 with boxes lc rgb '#1f5fa8' title 'Tin báo, phản ánh', \
     $DATA using ($1+0.19):3 with boxes lc rgb '#59a14f' title 'Hỏi thủ tục', \
     $DATA using ($1-0.19):2:(sprintf('%d', $2)) with labels offset 0,0.8 notitle, \
     $DATA using ($1+0.19):3:(sprintf('%d', $3)) with labels offset 0,0.8 notitle
