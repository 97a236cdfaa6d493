/* bh_rmtree.h: remove a folder we made (a temporary output) with everything in it. */
#ifndef BH_RMTREE_H
#define BH_RMTREE_H

/* Removes PATH recursively without following symbolic links; 0, or -1 with errno. */
int bh_rmtree(const char *path);

#endif
