/*
 * names.c - the names of AF_UNIX sockets (part of Linux's
 * net/unix/af_unix.c): unix_table, where every sock is found, binding
 * to a path or an abstract name (unix_bind, unix_autobind), finding the
 * socket an address names (unix_find_other), and getsockname /
 * getpeername.  af_unix.c's top comment tells the story of names.
 *
 * LOCKING: unix_table_lock (a spinlock) guards unix_table and every
 * sock's place in it; nothing under it sleeps or copies to or from user
 * space.  A bind holds the sock's bindlock (a mutex) across making the
 * path's inode.  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/random.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "fs/fs.h"
#include "net/unix/af_unix.h"
#include "arch/x86_64/uaccess.h"

/* --- the name table --- */

#define UNIX_HASH_BITS	10
#define UNIX_HASH_SIZE	(1u << UNIX_HASH_BITS)
#define UNIX_HASH_MOD	(UNIX_HASH_SIZE - 1)

/* [0, UNIX_HASH_SIZE): unbound sockets and bound paths;
 * [UNIX_HASH_SIZE, 2 * UNIX_HASH_SIZE): abstract names. */
static struct list_head unix_table[2 * UNIX_HASH_SIZE];
static DEFINE_SPINLOCK(unix_table_lock);

static unsigned int unix_unbound_hash(struct sock *sk)
{
	unsigned long hash = (unsigned long)sk;

	hash ^= hash >> 16;
	hash ^= hash >> 8;
	return (hash ^ sk->sk_type) & UNIX_HASH_MOD;
}

static unsigned int unix_bsd_hash(struct inode *inode)
{
	return inode->i_ino & UNIX_HASH_MOD;
}

/* FNV-1a over the name, folded, with the type mixed in. */
static unsigned int unix_abstract_hash(struct sockaddr_un *sunaddr, int len,
				       int type)
{
	const unsigned char *p = (const unsigned char *)sunaddr;
	unsigned int hash = 2166136261u;

	for (int i = 0; i < len; i++)
		hash = (hash ^ p[i]) * 16777619u;
	hash ^= hash >> 16;
	hash ^= type;
	return UNIX_HASH_SIZE + (hash & UNIX_HASH_MOD);
}

static void unix_table_init(void)
{
	static bool done;

	if (done)
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(unix_table); i++)
		INIT_LIST_HEAD(&unix_table[i]);
	done = true;
}

/* Table lock held: move sk to bucket hash (its name changed). */
static void __unix_set_hash(struct sock *sk, unsigned int hash)
{
	struct unix_sock *u = unix_sk(sk);

	list_del_init(&u->node);
	u->hash = hash;
	list_add_tail(&u->node, &unix_table[hash]);
}

/* A new sock goes in under its own address until it is bound. */
void unix_insert_unbound_socket(struct sock *sk)
{
	spin_lock(&unix_table_lock);
	unix_table_init();
	__unix_set_hash(sk, unix_unbound_hash(sk));
	spin_unlock(&unix_table_lock);
}

void unix_remove_socket(struct sock *sk)
{
	spin_lock(&unix_table_lock);
	list_del_init(&unix_sk(sk)->node);
	spin_unlock(&unix_table_lock);
}

/* Table lock held: the socket bound to this abstract name, or NULL. */
static struct sock *__unix_find_socket_byname(struct sockaddr_un *sunname,
					      int len, unsigned int hash)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_table[hash], node)
		if (u->addr && u->addr->len == len &&
		    !memcmp(&u->addr->name, sunname, len))
			return &u->sk;
	return NULL;
}

/* The socket bound to inode, referenced, or NULL. */
static struct sock *unix_find_socket_byinode(struct inode *inode)
{
	struct unix_sock *u;
	struct sock *sk = NULL;

	spin_lock(&unix_table_lock);
	list_for_each_entry(u, &unix_table[unix_bsd_hash(inode)], node)
		if (u->path == inode) {
			sk = &u->sk;
			sock_hold(sk);
			break;
		}
	spin_unlock(&unix_table_lock);
	return sk;
}

static struct unix_address *unix_create_addr(struct sockaddr_un *sunaddr,
					     int addr_len)
{
	struct unix_address *addr = kzalloc(sizeof(*addr), GFP_KERNEL);

	if (!addr)
		return NULL;
	addr->refcnt = 1;
	addr->len = addr_len;
	memcpy(&addr->name, sunaddr, addr_len);
	return addr;
}

void unix_release_addr(struct unix_address *addr)
{
	if (__atomic_sub_fetch(&addr->refcnt, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(addr);
}

/* Linux's unix_validate_addr: more than the family, at most a whole
 * sockaddr_un, and the family right. */
int unix_validate_addr(struct sockaddr_un *sunaddr, int addr_len)
{
	if (addr_len <= UNIX_ADDR_EMPTY || addr_len > (int)sizeof(*sunaddr))
		return -EINVAL;
	if (sunaddr->sun_family != AF_UNIX)
		return -EINVAL;
	return 0;
}

/* A path name: NUL-terminated in place (the kernel's copy of the
 * address is a sockaddr_storage, so sun_path[108] exists), and its
 * length as getsockname will report it, the NUL included. */
static int unix_mkname_bsd(struct sockaddr_un *sunaddr, int addr_len)
{
	((char *)sunaddr)[addr_len] = 0;
	return strlen(sunaddr->sun_path) + UNIX_ADDR_EMPTY + 1;
}

/* --- binding --- */

int unix_autobind(struct sock *sk)
{
	struct unix_sock *u = unix_sk(sk);
	int err = 0;

	mutex_lock(&u->bindlock);
	if (u->addr)
		goto out;
	err = -ENOMEM;
	struct unix_address *addr = kzalloc(sizeof(*addr), GFP_KERNEL);
	if (!addr)
		goto out;
	addr->refcnt = 1;
	addr->len = UNIX_ADDR_EMPTY + 6;	/* NUL and five hex digits */
	addr->name.sun_family = AF_UNIX;
	u32 ordernum = get_random_u64() & 0xfffff, lastnum = ordernum;
	for (;;) {
		char num[8];
		ordernum = (ordernum + 1) & 0xfffff;
		snprintf(num, sizeof(num), "%05x", ordernum);
		memcpy(addr->name.sun_path + 1, num, 5);
		unsigned int hash = unix_abstract_hash(&addr->name, addr->len,
						       sk->sk_type);
		spin_lock(&unix_table_lock);
		if (!__unix_find_socket_byname(&addr->name, addr->len, hash)) {
			addr->hash = hash;
			WRITE_ONCE(u->addr, addr);
			__unix_set_hash(sk, hash);
			spin_unlock(&unix_table_lock);
			err = 0;
			break;
		}
		spin_unlock(&unix_table_lock);
		if (ordernum == lastnum) {	/* every name is taken */
			kfree(addr);
			err = -ENOSPC;
			break;
		}
	}
out:
	mutex_unlock(&u->bindlock);
	return err;
}

/* A path: a new socket inode there (EADDRINUSE if the name exists),
 * mode 0777 less the umask, as Linux makes it from the socket inode. */
static int unix_bind_bsd(struct sock *sk, struct sockaddr_un *sunaddr,
			 int addr_len)
{
	struct unix_sock *u = unix_sk(sk);
	umode_t mode = S_IFSOCK | (0777 & ~current_umask());
	struct inode *inode;
	int err;

	addr_len = unix_mkname_bsd(sunaddr, addr_len);
	struct unix_address *addr = unix_create_addr(sunaddr, addr_len);
	if (!addr)
		return -ENOMEM;
	mutex_lock(&u->bindlock);
	if (u->addr) {
		/* Linux makes the node first, then finds us bound and takes
		 * it away: an existing name still says EADDRINUSE. */
		err = kern_mknod(sunaddr->sun_path, mode, NULL);
		err = err ? err : -EINVAL;
	} else if (!(err = kern_mknod(sunaddr->sun_path, mode, &inode))) {
		spin_lock(&unix_table_lock);
		u->path = inode;
		addr->hash = unix_bsd_hash(inode);
		WRITE_ONCE(u->addr, addr);
		__unix_set_hash(sk, addr->hash);
		spin_unlock(&unix_table_lock);
	}
	mutex_unlock(&u->bindlock);
	if (err)
		unix_release_addr(addr);
	return err == -EEXIST ? -EADDRINUSE : err;
}

static int unix_bind_abstract(struct sock *sk, struct sockaddr_un *sunaddr,
			      int addr_len)
{
	struct unix_sock *u = unix_sk(sk);
	int err = 0;

	struct unix_address *addr = unix_create_addr(sunaddr, addr_len);
	if (!addr)
		return -ENOMEM;
	mutex_lock(&u->bindlock);
	if (u->addr) {
		err = -EINVAL;
	} else {
		unsigned int hash = unix_abstract_hash(sunaddr, addr_len, sk->sk_type);
		spin_lock(&unix_table_lock);
		if (__unix_find_socket_byname(sunaddr, addr_len, hash)) {
			err = -EADDRINUSE;
		} else {
			addr->hash = hash;
			WRITE_ONCE(u->addr, addr);
			__unix_set_hash(sk, hash);
		}
		spin_unlock(&unix_table_lock);
	}
	mutex_unlock(&u->bindlock);
	if (err)
		unix_release_addr(addr);
	return err;
}

int unix_bind(struct socket *sock, struct sockaddr_storage *uaddr,
	      int addr_len)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;
	struct sock *sk = sock->sk;

	if (addr_len == UNIX_ADDR_EMPTY && sunaddr->sun_family == AF_UNIX)
		return unix_autobind(sk);
	int err = unix_validate_addr(sunaddr, addr_len);
	if (err)
		return err;
	return sunaddr->sun_path[0] ? unix_bind_bsd(sk, sunaddr, addr_len)
				    : unix_bind_abstract(sk, sunaddr, addr_len);
}

/* --- finding the other end --- */

/* Linux's unix_find_bsd: the path, followed (ENOENT, ENOTDIR ...), must
 * be writable by us (EACCES) and a socket inode with a socket of this
 * type bound to it. */
static struct sock *unix_find_bsd(struct sockaddr_un *sunaddr, int addr_len,
				  int type)
{
	struct inode *inode;
	struct sock *sk = NULL;

	unix_mkname_bsd(sunaddr, addr_len);
	vfs_lock();
	int err = filename_lookup(current_pwd(), sunaddr->sun_path, LOOKUP_FOLLOW,
				  &inode);
	if (!err)
		err = inode_permission(inode, MAY_WRITE);
	if (!err && !S_ISSOCK(inode->i_mode))
		err = -ECONNREFUSED;
	if (!err && !(sk = unix_find_socket_byinode(inode)))
		err = -ECONNREFUSED;
	vfs_unlock();
	if (err)
		return ERR_PTR(err);
	if (sk->sk_type != type) {
		sock_put(sk);
		return ERR_PTR(-EPROTOTYPE);
	}
	return sk;
}

static struct sock *unix_find_abstract(struct sockaddr_un *sunaddr,
				       int addr_len, int type)
{
	unsigned int hash = unix_abstract_hash(sunaddr, addr_len, type);

	spin_lock(&unix_table_lock);
	struct sock *sk = __unix_find_socket_byname(sunaddr, addr_len, hash);
	if (sk)
		sock_hold(sk);
	spin_unlock(&unix_table_lock);
	return sk ? sk : ERR_PTR(-ECONNREFUSED);
}

struct sock *unix_find_other(struct sockaddr_un *sunaddr, int addr_len, int type)
{
	return sunaddr->sun_path[0] ? unix_find_bsd(sunaddr, addr_len, type)
				    : unix_find_abstract(sunaddr, addr_len, type);
}

/* --- names --- */

int unix_getname(struct socket *sock, struct sockaddr_storage *uaddr,
		 int peer)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;
	struct sock *sk = sock->sk;

	if (peer) {
		if (!(sk = unix_peer_get(sk)))
			return -ENOTCONN;
	} else {
		sock_hold(sk);
	}
	struct unix_address *addr = READ_ONCE(unix_sk(sk)->addr);
	int len;
	if (!addr) {
		sunaddr->sun_family = AF_UNIX;
		sunaddr->sun_path[0] = 0;
		len = UNIX_ADDR_EMPTY;
	} else {
		len = addr->len;
		memcpy(sunaddr, &addr->name, len);
	}
	sock_put(sk);
	return len;
}

void unix_copy_addr(struct msghdr *msg, struct sock *sk)
{
	struct unix_address *addr = READ_ONCE(unix_sk(sk)->addr);

	if (addr && msg->msg_name) {
		msg->msg_namelen = addr->len;
		memcpy(msg->msg_name, &addr->name, addr->len);
	}
}
