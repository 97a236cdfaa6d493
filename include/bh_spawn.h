/* bh_spawn.h: run a program with an argv array (fork and execvp, never a shell) and wait for it. */
#ifndef BH_SPAWN_H
#define BH_SPAWN_H
#include <sys/types.h>

/* Starts FILE (looked up in PATH when it has no '/') with ARGV and the environment.
 * IN, OUT, ERR replace the child's 0, 1, 2 unless -1; DIR is its working folder
 * unless NULL. The child is killed (SIGKILL) when the calling process dies, so
 * that no stage outlives a killed driver (Linux prctl PR_SET_PDEATHSIG).
 * Returns the pid, or -1 with errno (also when FILE cannot be run). */
pid_t bh_spawn(const char *file, char *const argv[], int in, int out, int err, const char *dir);
/* Waits for PID: its exit status, or -1 with *SIG set when a signal ended it. */
int bh_wait(pid_t pid, int *sig);
/* Is NAME an executable found in PATH (or, with a '/', that file)? */
int bh_in_path(const char *name);

#endif
