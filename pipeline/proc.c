/* proc.c: a process's identity across machines and boots (see bh_proc.h). */
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_proc.h"

static void
read_line(const char *path, char *buf, size_t n)
{
	FILE *fp = fopen(path, "re");

	buf[0] = '\0';
	if (!fp)
		return;
	if (fgets(buf, (int)n, fp))
		buf[strcspn(buf, "\r\n")] = '\0';
	fclose(fp);
}

/* Field 22 of /proc/PID/stat (the name, field 2, may hold spaces and ')'). */
static unsigned long long
start_of(long pid)
{
	char path[64], buf[1024], *s;
	unsigned long long v = 0;
	FILE *fp;
	int i;

	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if (!(fp = fopen(path, "re")))
		return 0;
	s = fgets(buf, sizeof buf, fp) ? strrchr(buf, ')') : NULL;
	fclose(fp);
	if (!s)
		return 0;
	/* after ')': field 3 (state) is the first, so 20 more fields to 22 */
	for (i = 0; i < 20 && s; i++)
		s = strchr(s + 1, ' ');
	if (s)
		v = strtoull(s + 1, NULL, 10);
	return v;
}

void
bh_procid_self(struct bh_procid *p)
{
	memset(p, 0, sizeof *p);
	if (gethostname(p->host, sizeof p->host - 1) < 0 || !p->host[0])
		strcpy(p->host, "localhost");
	read_line("/proc/sys/kernel/random/boot_id", p->boot, sizeof p->boot);
	p->pid = (long)getpid();
	p->start = start_of(p->pid);
}

void
bh_procid_write(FILE *fp, const struct bh_procid *p)
{
	fprintf(fp, "host %s\nboot %s\npid %ld\nstart %llu\n", p->host, p->boot, p->pid, p->start);
}

int
bh_procid_line(struct bh_procid *p, const char *line)
{
	size_t n;

	if (strncmp(line, "host ", 5) == 0) {
		n = strcspn(line + 5, "\r\n");
		if (n >= sizeof p->host)
			n = sizeof p->host - 1;
		memcpy(p->host, line + 5, n);
		p->host[n] = '\0';
	} else if (strncmp(line, "boot ", 5) == 0) {
		n = strcspn(line + 5, "\r\n");
		if (n >= sizeof p->boot)
			n = sizeof p->boot - 1;
		memcpy(p->boot, line + 5, n);
		p->boot[n] = '\0';
	} else if (strncmp(line, "pid ", 4) == 0) {
		p->pid = strtol(line + 4, NULL, 10);
	} else if (strncmp(line, "start ", 6) == 0) {
		p->start = strtoull(line + 6, NULL, 10);
	} else {
		return 0;
	}
	return 1;
}

int
bh_procid_gone(const struct bh_procid *p)
{
	struct bh_procid me;
	unsigned long long st;

	if (!p->host[0] || p->pid <= 0)
		return 0;
	bh_procid_self(&me);
	if (strcmp(p->host, me.host) != 0)
		return 0;
	if (p->boot[0] && me.boot[0] && strcmp(p->boot, me.boot) != 0)
		return 1;
	if (p->pid == me.pid)
		return 0;
	st = start_of(p->pid);
	if (!st) {
		char path[64];
		snprintf(path, sizeof path, "/proc/%ld", p->pid);
		return access(path, F_OK) < 0;
	}
	return p->start && st != p->start;
}

void
bh_proc_name(long pid, char *buf, size_t n)
{
	char path[64];

	snprintf(path, sizeof path, "/proc/%ld/comm", pid);
	read_line(path, buf, n);
}

double
bh_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
