# message_types.gp: messages by type, most common first.
# Data: $DATA rows "rank count"; NAMES[rank] the Vietnamese type names; N rows.
set title TITLE font FONT.',26'
set decimalsign ','
set xlabel 'Số tin nhắn'
set xrange [0:*]
set offsets 0, graph 0.08, 0, 0
set yrange [N+0.6:0.4]
set grid xtics lc rgb '#dddddd'
unset key
set style fill solid 0.9 noborder
plot $DATA using ($2/2):1:($2/2):(0.35):ytic(NAMES[int($1)]) with boxxyerror lc rgb '#1f5fa8', \
     $DATA using 2:1:(sprintf('%d', $2)) with labels left offset 0.6,0
