/* spawn.c: start programs with fork and execvp (an argv array, never a shell),
 * tied to our life, and wait for them. */
#define _GNU_SOURCE	/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_spawn.h"

/* In the child, between fork and exec: only async-signal-safe calls. An error
 * is written to the pipe as an errno and the child ends. */
static noreturn void
child(int report, pid_t parent, const char *file, char *const argv[], int in, int out,
    int err, const char *dir)
{
	int e;

	/* A killed binhyen run must not leave its stages (or gnuplot) running,
	 * writing into a database or a folder nobody waits for: the child is
	 * killed when we die, and dies now if we already have. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		goto fail;
	if ((in >= 0 && dup2(in, 0) < 0) || (out >= 0 && dup2(out, 1) < 0) ||
	    (err >= 0 && dup2(err, 2) < 0) || (dir && chdir(dir) < 0))
		goto fail;
	execvp(file, argv);
fail:
	e = errno ? errno : ECHILD;
	while (write(report, &e, sizeof e) < 0 && errno == EINTR)
		;
	_exit(127);
}

pid_t
bh_spawn(const char *file, char *const argv[], int in, int out, int err, const char *dir)
{
	pid_t parent = getpid(), pid;
	int fd[2], e = 0;
	ssize_t n;

	/* Told through a pipe closed by a successful exec, as posix_spawn does. */
	if (pipe2(fd, O_CLOEXEC) < 0)
		return -1;
	if ((pid = fork()) < 0) {
		e = errno;
		close(fd[0]);
		close(fd[1]);
		errno = e;
		return -1;
	}
	if (pid == 0)
		child(fd[1], parent, file, argv, in, out, err, dir);
	close(fd[1]);
	while ((n = read(fd[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	close(fd[0]);
	if (n == (ssize_t)sizeof e) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		errno = e;
		return -1;
	}
	return pid;
}

int
bh_wait(pid_t pid, int *sig)
{
	int st;

	*sig = 0;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			bh_die(_("cannot wait for a child process:"));
	if (WIFSIGNALED(st)) {
		*sig = WTERMSIG(st);
		return -1;
	}
	return WEXITSTATUS(st);
}

int
bh_in_path(const char *name)
{
	const char *path, *p, *e;
	char *buf;
	size_t n;
	int found = 0;

	if (strchr(name, '/'))
		return access(name, X_OK) == 0;
	if (!(path = getenv("PATH")))
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; !found; p = e + 1) {
		e = strchr(p, ':');
		n = e ? (size_t)(e - p) : strlen(p);
		buf = bh_malloc(n + strlen(name) + 3);
		if (n)
			memcpy(buf, p, n);
		else
			buf[n++] = '.';
		buf[n] = '/';
		strcpy(buf + n + 1, name);
		found = access(buf, X_OK) == 0;
		free(buf);
		if (!e)
			break;
	}
	return found;
}
