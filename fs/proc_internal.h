/*
 * proc_internal.h - the texts of /proc's per-process and system-wide
 * files, made by fs/proc_array.c and fs/proc_stat.c for fs/proc.c
 * (Linux's fs/proc/internal.h).
 *
 * Each show function prints one file into m.  The per-process ones are
 * called with preemption off, so that the task (and its mm) cannot exit
 * under them (fs/proc.c: proc_pid_show); they must not sleep.
 */
#ifndef FS_PROC_INTERNAL_H
#define FS_PROC_INTERNAL_H

#include "fs/seq_file.h"

struct task_struct;

/* fs/proc_array.c: /proc/<pid>/stat, status, cmdline, comm */
void proc_pid_stat(struct seq_file *m, struct task_struct *task);
/* task/<tid>/stat: the thread's own times, not its process's. */
void proc_tid_stat(struct seq_file *m, struct task_struct *task);
void proc_pid_status(struct seq_file *m, struct task_struct *task);
void proc_pid_cmdline(struct seq_file *m, struct task_struct *task);
void proc_pid_comm(struct seq_file *m, struct task_struct *task);

/* fs/proc_stat.c: /proc/stat, /proc/uptime, /proc/loadavg */
void proc_stat_show(struct seq_file *m);
void proc_uptime_show(struct seq_file *m);
/* fs/proc_namespace.c: the mount table */
struct ctl_table;
extern const struct ctl_table fs_pipe_max_size;
void proc_mounts_show(struct seq_file *m);
void proc_pid_mounts(struct seq_file *m, struct task_struct *task);
void proc_pid_mountinfo(struct seq_file *m, struct task_struct *task);
void proc_loadavg_show(struct seq_file *m);

#endif
