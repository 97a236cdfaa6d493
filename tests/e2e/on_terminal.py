# on_terminal.py ANSWER PROGRAM ARGS...: runs PROGRAM on a pseudo-terminal,
# types ANSWER once it asks for "yes" (its prompt ends in ": "), prints all it
# wrote and exits with its status. Shared by purge.sh and messages_vi.sh.
import os, pty, signal, sys
signal.alarm(120)
answer = sys.argv[1].encode()
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
out, sent = b"", False
while True:
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if not sent and b"yes" in out and out.rstrip(b" ").endswith(b":"):
        os.write(fd, answer + b"\n")
        sent = True
_, st = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace").replace("\r", ""))
sys.exit(os.waitstatus_to_exitcode(st))
