/* spawn.c: start programs with posix_spawnp and an argv array, wait for them. */
#define _GNU_SOURCE	/* posix_spawn_file_actions_addchdir_np */
#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_spawn.h"

extern char **environ;

static int
redirect(posix_spawn_file_actions_t *fa, int from, int to)
{
	return from < 0 ? 0 : posix_spawn_file_actions_adddup2(fa, from, to);
}

pid_t
bh_spawn(const char *file, char *const argv[], int in, int out, int err, const char *dir)
{
	posix_spawn_file_actions_t fa;
	pid_t pid = -1;
	int rc;

	if ((rc = posix_spawn_file_actions_init(&fa)) != 0) {
		errno = rc;
		return -1;
	}
	if ((rc = redirect(&fa, in, 0)) == 0 && (rc = redirect(&fa, out, 1)) == 0 &&
	    (rc = redirect(&fa, err, 2)) == 0 &&
	    (!dir || (rc = posix_spawn_file_actions_addchdir_np(&fa, dir)) == 0))
		rc = posix_spawnp(&pid, file, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		errno = rc;
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
			bh_die("cannot wait for a child process:");
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
