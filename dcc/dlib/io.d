/*
 * io.d -- the io provider's argument types: bufinfo_t (the I/O request),
 * devinfo_t (the device) and fileinfo_t (the file), translated from the
 * kernel's struct bio and struct file (args[0..2] of io:::start and
 * io:::done), with the b_flags bits and the open(2) flags.
 */

typedef char *caddr_t;

typedef struct bufinfo {
	int b_flags;			/* B_READ, B_WRITE... */
	size_t b_bcount;		/* bytes to transfer */
	caddr_t b_addr;			/* buffer address */
	uint64_t b_lblkno;		/* logical block */
	uint64_t b_blkno;		/* block on the device */
	size_t b_resid;			/* bytes not transferred */
	size_t b_bufsize;		/* buffer size */
	caddr_t b_iodone;		/* completion function */
	int b_error;			/* error status */
	dev_t b_edev;			/* device */
} bufinfo_t;

inline int B_BUSY = 0x000001;
inline int B_DONE = 0x000002;
inline int B_ERROR = 0x000004;
inline int B_PAGEIO = 0x000010;
inline int B_PHYS = 0x000020;
inline int B_READ = 0x000040;
inline int B_WRITE = 0x000100;
inline int B_ASYNC = 0x000400;

/* struct bio's bi_opf: odd operations write; REQ_SYNC is bit 11 */
inline int REQ_OP_WRITE_BIT = 0x01;
inline int REQ_SYNC = 0x0800;

translator bufinfo_t < struct bio *B > {
	b_flags = (B->bi_opf & REQ_OP_WRITE_BIT ? B_WRITE : B_READ) |
		  (B->bi_opf & REQ_SYNC ? 0 : B_ASYNC) | B_PHYS;
	b_bcount = B->bi_iter.bi_size;
	b_addr = 0;
	b_lblkno = B->bi_iter.bi_sector;
	b_blkno = B->bi_iter.bi_sector;
	b_resid = 0;
	b_bufsize = B->bi_iter.bi_size;
	b_iodone = (caddr_t)B->bi_end_io;
	b_error = B->bi_status;
	b_edev = B->bi_bdev != NULL ? B->bi_bdev->bd_dev : 0;
};

typedef struct devinfo {
	int dev_major;			/* major number */
	int dev_minor;			/* minor number */
	int dev_instance;		/* instance */
	string dev_name;		/* driver or disk name */
	string dev_statname;		/* name with instance or partition */
	string dev_pathname;		/* path under /dev */
} devinfo_t;

/* A block device's partition number (0: the whole disk) is the low byte
 * of its __bd_flags since Linux 6.10 (the kernel's bdev_partno()). */
translator devinfo_t < struct bio *B > {
	dev_major = B->bi_bdev != NULL ? B->bi_bdev->bd_dev >> 20 : 0;
	dev_minor = B->bi_bdev != NULL ? B->bi_bdev->bd_dev & 0xfffff : 0;
	dev_instance = 0;
	dev_name = B->bi_bdev != NULL ?
		   stringof(B->bi_bdev->bd_disk->disk_name) : "nfs";
	dev_statname = B->bi_bdev == NULL ? "nfs" :
		       (B->bi_bdev->__bd_flags.counter & 0xff) == 0 ?
		       stringof(B->bi_bdev->bd_disk->disk_name) :
		       strjoin(stringof(B->bi_bdev->bd_disk->disk_name),
			       lltostr((B->bi_bdev->__bd_flags.counter & 0xff)));
	dev_pathname = B->bi_bdev == NULL ? "<nfs>" :
		       (B->bi_bdev->__bd_flags.counter & 0xff) == 0 ?
		       strjoin("/dev/", stringof(B->bi_bdev->bd_disk->disk_name)) :
		       strjoin(strjoin("/dev/",
			       stringof(B->bi_bdev->bd_disk->disk_name)),
			       lltostr((B->bi_bdev->__bd_flags.counter & 0xff)));
};

typedef struct fileinfo {
	string fi_name;			/* base name */
	string fi_dirname;		/* directory */
	string fi_pathname;		/* full path */
	loff_t fi_offset;		/* file offset */
	string fi_fs;			/* file system type */
	string fi_mount;		/* mount point */
	int fi_oflags;			/* open(2) flags */
} fileinfo_t;

/*
 * The kernel gives bpf_d_path() to fentry programs only: the directory
 * and the full path of a file are not known here ("<unknown>").  The io
 * probes' file is always NULL ("<none>"), as in DTrace for Linux.
 */
translator fileinfo_t < struct file *F > {
	fi_name = F == NULL ? "<none>" :
		  stringof(F->f_path.dentry->d_name.name);
	fi_dirname = F == NULL ? "<none>" : "<unknown>";
	fi_pathname = F == NULL ? "<none>" : "<unknown>";
	fi_offset = F == NULL ? 0 : F->f_pos;
	fi_fs = F == NULL ? "<none>" :
		stringof(F->f_path.mnt->mnt_sb->s_type->name);
	fi_mount = F == NULL ? "<none>" : "<unknown>";
	fi_oflags = F == NULL ? 0 : F->f_flags;
};

/* open(2) flags (x86_64) */
inline int O_ACCMODE = 0003;
inline int O_RDONLY = 00;
inline int O_WRONLY = 01;
inline int O_RDWR = 02;
inline int O_CREAT = 0100;
inline int O_EXCL = 0200;
inline int O_NOCTTY = 0400;
inline int O_TRUNC = 01000;
inline int O_APPEND = 02000;
inline int O_NONBLOCK = 04000;
inline int O_NDELAY = 04000;
inline int O_DSYNC = 010000;
inline int O_ASYNC = 020000;
inline int O_DIRECTORY = 0200000;
inline int O_NOFOLLOW = 0400000;
inline int O_CLOEXEC = 02000000;
inline int O_SYNC = 04010000;
inline int O_FSYNC = 04010000;
inline int O_RSYNC = 04010000;
