/* bh_outdir.h: output folders. binhyen writes a run's output into OUT.tmpPID
 * and puts it in place of OUT only when complete; OUT is replaced only when
 * binhyen wrote every entry in it, as its marker file ".binhyen" records (the
 * process that made it, and each entry with its size and SHA-256). */
#ifndef BH_OUTDIR_H
#define BH_OUTDIR_H

#define BH_OUT_MARK ".binhyen"			/* marker and manifest */
#define BH_OUT_RETIRED ".binhyen-retired"	/* in a previous output being swapped out */

/* The entries of DIR (paths relative to it, a folder ending in '/') that binhyen
 * did not write or that changed since, as a NULL-terminated array (bh_strv_free);
 * NULL when DIR is missing, empty, or wholly binhyen's. *nomark is set to 1
 * when DIR holds no finished marker at all (its every entry is then listed). */
char **bh_outdir_foreign(const char *dir, int *nomark);
void bh_strv_free(char **v);
/* One line naming the first entries of v (and how many more), for a message. Caller frees. */
char *bh_strv_join(char *const *v, int max);

/* Creates DIR (0755) with a marker saying this process is writing it. 0, or -1 with errno. */
int bh_outdir_begin(const char *dir);
/* Records every entry of DIR in its marker: DIR is then a finished output. 0, or -1 with errno. */
int bh_outdir_seal(const char *dir);
/* Removes OUT.tmpN and OUT.oldN left beside OUT by a binhyen run that is gone:
 * only folders whose marker names this machine and process N, now ended. An
 * OUT.oldN is put back when OUT is missing. Each action is said on stderr. */
void bh_outdir_clean(const char *out);
/* Puts the sealed folder TMP in place of OUT (checked again to be binhyen's),
 * in one step where the system can swap two names; the previous output is
 * removed. Dies (exit 2) with a message when it cannot, OUT as it was. */
void bh_outdir_install(const char *tmp, const char *out);

#endif
