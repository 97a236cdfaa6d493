/* flush.c: see flush.h. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "bh_err.h"
#include "flush.h"

#define PERIOD_MS 100

struct xflush {
	int fd;
	int stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t th;
};

#ifdef SYNC_FILE_RANGE_WRITE
static void *
run(void *arg)
{
	xflush *f = arg;
	struct timespec t;

	pthread_mutex_lock(&f->mu);
	while (!f->stop) {
		clock_gettime(CLOCK_REALTIME, &t);
		t.tv_nsec += PERIOD_MS * 1000000L;
		if (t.tv_nsec >= 1000000000L) {
			t.tv_sec++;
			t.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&f->cv, &f->mu, &t);
		if (f->stop)
			break;
		pthread_mutex_unlock(&f->mu);
		/* Starts writing what is dirty and not yet being written; waits
		 * for nothing. An error only means no help. */
		(void)sync_file_range(f->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
		pthread_mutex_lock(&f->mu);
	}
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

xflush *
xflush_start(const char *path)
{
	xflush *f;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	f = bh_malloc(sizeof *f);
	f->fd = fd;
	f->stop = 0;
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cv, NULL);
	if (pthread_create(&f->th, NULL, run, f) != 0) {
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->cv);
		close(fd);
		free(f);
		return NULL;
	}
	return f;
}

void
xflush_stop(xflush *f)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->mu);
	f->stop = 1;
	pthread_cond_signal(&f->cv);
	pthread_mutex_unlock(&f->mu);
	pthread_join(f->th, NULL);
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->cv);
	close(f->fd);
	free(f);
}
#else
xflush *
xflush_start(const char *path)
{
	(void)path;
	return NULL;
}

void
xflush_stop(xflush *f)
{
	(void)f;
}
#endif
