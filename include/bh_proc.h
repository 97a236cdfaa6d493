/* bh_proc.h: which process, on which machine and since which boot, made a
 * file: written into binhyen's marker and lock files, read back to tell
 * whether that process is gone (only ever decided on the same machine). */
#ifndef BH_PROC_H
#define BH_PROC_H
#include <stdio.h>

struct bh_procid {
	char host[256];			/* gethostname() */
	char boot[64];			/* /proc/sys/kernel/random/boot_id */
	long pid;
	unsigned long long start;	/* start time in clock ticks since boot (/proc/PID/stat) */
};

/* This process. */
void bh_procid_self(struct bh_procid *p);
/* Writes "host H\nboot B\npid N\nstart S\n". */
void bh_procid_write(FILE *fp, const struct bh_procid *p);
/* Takes one "KEY VALUE" line of that form into p; 1 when it was one of them. */
int bh_procid_line(struct bh_procid *p, const char *line);
/* 1 when p names this machine and its process has ended (another boot, no
 * such pid, or the pid now belongs to a process started at another time);
 * 0 when it still runs, or is on another machine, or p is incomplete. */
int bh_procid_gone(const struct bh_procid *p);
/* The name (comm) of process pid into buf, "" when unknown. */
void bh_proc_name(long pid, char *buf, size_t n);
/* Seconds on the monotonic clock, for durations (never a date). */
double bh_clock(void);

#endif
