// SPDX-License-Identifier: GPL-2.0
/*
 * jmoo paravirtual ubd disks and machine control.
 *
 * Disks ubda..ubdp (major 98, 16 minors each, as User-Mode Linux names them) served by the
 * jmoo emulator through a block of I/O ports; the same ports carry power-off, reboot, halt and
 * kernel panic notices. Every request is synchronous: the driver writes the physical address
 * of a request block to the SUBMIT port and the emulator has performed the request and written
 * its status before the OUT instruction retires. The ABI is specified in ABI.md beside this
 * file in the jmoo repository (images/ubd/ABI.md); the constants below must match it.
 */
#include <linux/blk-mq.h>
#include <linux/blkdev.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/panic.h>
#include <linux/panic_notifier.h>
#include <linux/reboot.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#define JMOO_PORT_BASE		0x0f00
#define JMOO_PORT_COUNT		0x20

/* registers: 32-bit, offsets from JMOO_PORT_BASE */
#define JMOO_REG_SIGNATURE	0x00	/* R: JMOO_SIGNATURE */
#define JMOO_REG_VERSION	0x04	/* R: device ABI version; W: the guest's ABI version */
#define JMOO_REG_DISK_SLOTS	0x08	/* R: number of disk slots */
#define JMOO_REG_SUBMIT		0x0c	/* W: request block address; R: status of the last one */
#define JMOO_REG_ARG		0x10	/* W: argument of the next CONTROL command */
#define JMOO_REG_CONTROL	0x14	/* W: a JMOO_CTL_* command */
#define JMOO_REG_GENERATION	0x18	/* R: changes whenever a disk slot changes (ABI 1.1) */

#define JMOO_SIGNATURE		0x4f4f4d4a	/* the bytes "JMOO" */
#define JMOO_ABI_MAJOR		1
#define JMOO_ABI_MINOR		1
#define JMOO_ABI_VERSION	((JMOO_ABI_MAJOR << 16) | JMOO_ABI_MINOR)

#define JMOO_CTL_POWER_OFF	1
#define JMOO_CTL_REBOOT		2
#define JMOO_CTL_HALT		3
#define JMOO_CTL_PANIC		4	/* ARG = physical address of the NUL-terminated message */
#define JMOO_CTL_PANIC_END	5	/* the panic report is complete on the console */

#define JMOO_OP_READ		0
#define JMOO_OP_WRITE		1
#define JMOO_OP_FLUSH		2
#define JMOO_OP_DISCARD		3
#define JMOO_OP_WRITE_ZEROES	4
#define JMOO_OP_INFO		5

#define JMOO_ST_OK		0
#define JMOO_ST_IO_ERROR	1
#define JMOO_ST_BAD_REQUEST	2
#define JMOO_ST_NO_DISK		3
#define JMOO_ST_READ_ONLY	4
#define JMOO_ST_OUT_OF_RANGE	5
#define JMOO_ST_UNSUPPORTED	6
#define JMOO_ST_PENDING		0xffffffffu	/* preset by the guest; still there = no device */

#define JMOO_INFO_READ_ONLY	(1u << 0)
#define JMOO_INFO_DISCARD	(1u << 1)
#define JMOO_INFO_WRITE_ZEROES	(1u << 2)

#define JMOO_MAX_DISKS		16
#define JMOO_MAX_SEGMENTS	128
#define JMOO_MAX_SECTORS	2048	/* per request: 1 MiB */
#define UBD_MAJOR		98
#define UBD_MINORS		16	/* partitions ubda1..ubda15 */

struct jmoo_segment {
	__le64 addr;			/* guest physical address */
	__le32 len;			/* bytes, a multiple of 512 */
	__le32 reserved;
} __packed;

struct jmoo_request {
	u8 op;
	u8 disk;
	__le16 nsegs;
	__le32 status;			/* written by the device */
	__le64 sector;			/* 512-byte units */
	__le32 nsectors;
	__le32 reserved;
	struct jmoo_segment seg[JMOO_MAX_SEGMENTS];
} __packed;

struct jmoo_disk_info {
	__le64 sectors;
	__le32 flags;			/* JMOO_INFO_* */
	__le32 max_sectors;		/* largest request the device takes, 0 = no limit */
	__le32 reserved[4];
} __packed;

struct jmoo_ubd {
	int index;
	struct gendisk *disk;
	struct blk_mq_tag_set tag_set;
};

/*
 * One request block for the whole driver: requests are synchronous, so the lock is held
 * only for the duration of one OUT instruction plus the block's set-up.
 */
static DEFINE_SPINLOCK(jmoo_lock);
static struct jmoo_request *jmoo_req;
static struct scatterlist jmoo_sg[JMOO_MAX_SEGMENTS];
static struct jmoo_ubd *jmoo_disks[JMOO_MAX_DISKS];
static DEFINE_MUTEX(jmoo_disks_lock);	/* the disk table, for probe and hot-plug */
static u32 jmoo_generation;
static bool jmoo_device_hotplug;	/* the device speaks ABI >= 1.1 */

static u32 jmoo_submit_locked(void)
{
	jmoo_req->status = cpu_to_le32(JMOO_ST_PENDING);
	barrier();	/* the block is complete in memory before the device reads it */
	outl(virt_to_phys(jmoo_req), JMOO_PORT_BASE + JMOO_REG_SUBMIT);
	barrier();	/* the device wrote status (and data) during the OUT */
	return le32_to_cpu(READ_ONCE(jmoo_req->status));
}

static void jmoo_request_header(u8 op, int disk, u64 sector, u32 nsectors, u16 nsegs)
{
	jmoo_req->op = op;
	jmoo_req->disk = disk;
	jmoo_req->nsegs = cpu_to_le16(nsegs);
	jmoo_req->sector = cpu_to_le64(sector);
	jmoo_req->nsectors = cpu_to_le32(nsectors);
	jmoo_req->reserved = 0;
}

static blk_status_t jmoo_status_to_blk(u32 status)
{
	switch (status) {
	case JMOO_ST_OK:
		return BLK_STS_OK;
	case JMOO_ST_UNSUPPORTED:
		return BLK_STS_NOTSUPP;
	default:		/* read-only, out of range, bad request, ...: EIO */
		return BLK_STS_IOERR;
	}
}

static int jmoo_op_of(struct request *rq, u8 *op)
{
	switch (req_op(rq)) {
	case REQ_OP_READ:
		*op = JMOO_OP_READ;
		return 0;
	case REQ_OP_WRITE:
		*op = JMOO_OP_WRITE;
		return 0;
	case REQ_OP_FLUSH:
		*op = JMOO_OP_FLUSH;
		return 0;
	case REQ_OP_DISCARD:
		*op = JMOO_OP_DISCARD;
		return 0;
	case REQ_OP_WRITE_ZEROES:
		*op = JMOO_OP_WRITE_ZEROES;
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

/* Fills the segments of the request block from the request's data; returns their count. */
static int jmoo_map_data_locked(struct request *rq)
{
	struct scatterlist *sg;
	int nsegs, i;

	sg_init_table(jmoo_sg, JMOO_MAX_SEGMENTS);
	nsegs = blk_rq_map_sg(rq->q, rq, jmoo_sg);
	if (nsegs <= 0 || nsegs > JMOO_MAX_SEGMENTS)
		return -EIO;
	for_each_sg(jmoo_sg, sg, nsegs, i) {
		jmoo_req->seg[i].addr = cpu_to_le64(sg_phys(sg));
		jmoo_req->seg[i].len = cpu_to_le32(sg->length);
		jmoo_req->seg[i].reserved = 0;
	}
	return nsegs;
}

static blk_status_t jmoo_do_request(struct jmoo_ubd *ubd, struct request *rq)
{
	unsigned long flags;
	int nsegs = 0;
	u32 status;
	u8 op;

	if (jmoo_op_of(rq, &op))
		return BLK_STS_NOTSUPP;
	spin_lock_irqsave(&jmoo_lock, flags);
	if (op == JMOO_OP_READ || op == JMOO_OP_WRITE) {
		nsegs = jmoo_map_data_locked(rq);
		if (nsegs < 0) {
			spin_unlock_irqrestore(&jmoo_lock, flags);
			return BLK_STS_IOERR;
		}
	}
	jmoo_request_header(op, ubd->index, blk_rq_pos(rq),
			    op == JMOO_OP_FLUSH ? 0 : blk_rq_sectors(rq), nsegs);
	status = jmoo_submit_locked();
	spin_unlock_irqrestore(&jmoo_lock, flags);
	if (status != JMOO_ST_OK)
		pr_err_ratelimited("ubd%c: op %u sector %llu count %u failed: device status %u\n",
				   'a' + ubd->index, op, (unsigned long long)blk_rq_pos(rq),
				   blk_rq_sectors(rq), status);
	return jmoo_status_to_blk(status);
}

static blk_status_t jmoo_queue_rq(struct blk_mq_hw_ctx *hctx, const struct blk_mq_queue_data *bd)
{
	struct request *rq = bd->rq;

	blk_mq_start_request(rq);
	blk_mq_end_request(rq, jmoo_do_request(rq->q->queuedata, rq));
	return BLK_STS_OK;
}

static const struct blk_mq_ops jmoo_mq_ops = {
	.queue_rq = jmoo_queue_rq,
};

static const struct block_device_operations jmoo_fops = {
	.owner = THIS_MODULE,
};

/* Asks the device about one slot; returns JMOO_ST_OK and fills *info when a disk is there. */
static u32 jmoo_query_info(int index, struct jmoo_disk_info *info)
{
	unsigned long flags;
	u32 status;

	memset(info, 0, sizeof(*info));
	spin_lock_irqsave(&jmoo_lock, flags);
	jmoo_request_header(JMOO_OP_INFO, index, 0, 0, 1);
	jmoo_req->seg[0].addr = cpu_to_le64(virt_to_phys(info));
	jmoo_req->seg[0].len = cpu_to_le32(sizeof(*info));
	jmoo_req->seg[0].reserved = 0;
	status = jmoo_submit_locked();
	spin_unlock_irqrestore(&jmoo_lock, flags);
	return status;
}

static void jmoo_set_limits(struct request_queue *q, const struct jmoo_disk_info *info)
{
	u32 max = le32_to_cpu(info->max_sectors);
	u32 flags = le32_to_cpu(info->flags);

	if (max == 0 || max > JMOO_MAX_SECTORS)
		max = JMOO_MAX_SECTORS;
	blk_queue_logical_block_size(q, SECTOR_SIZE);
	blk_queue_max_hw_sectors(q, max);
	blk_queue_max_segments(q, JMOO_MAX_SEGMENTS);
	blk_queue_write_cache(q, true, false);	/* flushes reach the device, FUA is emulated */
	/*
	 * Optimal I/O = the largest request: sequential reads then read ahead twice that (instead
	 * of the default 128 KiB), so a big read costs a few large requests.
	 */
	blk_queue_io_opt(q, max << SECTOR_SHIFT);
	if (flags & JMOO_INFO_DISCARD) {
		q->limits.discard_granularity = SECTOR_SIZE;	/* 0 makes the block layer refuse */
		blk_queue_max_discard_sectors(q, max);
	}
	if (flags & JMOO_INFO_WRITE_ZEROES)
		blk_queue_max_write_zeroes_sectors(q, max);
}

static int jmoo_add_disk(int index, const struct jmoo_disk_info *info)
{
	struct jmoo_ubd *ubd;
	struct gendisk *disk;
	u64 sectors;
	int err;

	ubd = kzalloc(sizeof(*ubd), GFP_KERNEL);
	if (!ubd)
		return -ENOMEM;
	ubd->index = index;
	ubd->tag_set.ops = &jmoo_mq_ops;
	ubd->tag_set.nr_hw_queues = 1;
	ubd->tag_set.queue_depth = 2;
	ubd->tag_set.numa_node = NUMA_NO_NODE;
	/*
	 * No I/O scheduler: requests complete before queue_rq returns, so there is nothing to
	 * reorder, and mq-deadline (the default for one hardware queue) only adds work per request.
	 * Bios are still merged in the submitter's plug.
	 */
	ubd->tag_set.flags = BLK_MQ_F_SHOULD_MERGE | BLK_MQ_F_NO_SCHED_BY_DEFAULT;
	err = blk_mq_alloc_tag_set(&ubd->tag_set);
	if (err)
		goto free_ubd;
	disk = blk_mq_alloc_disk(&ubd->tag_set, ubd);
	if (IS_ERR(disk)) {
		err = PTR_ERR(disk);
		goto free_tags;
	}
	ubd->disk = disk;
	disk->major = UBD_MAJOR;
	disk->first_minor = index * UBD_MINORS;
	disk->minors = UBD_MINORS;
	disk->fops = &jmoo_fops;
	disk->private_data = ubd;
	snprintf(disk->disk_name, DISK_NAME_LEN, "ubd%c", 'a' + index);
	jmoo_set_limits(disk->queue, info);
	set_capacity(disk, le64_to_cpu(info->sectors));
	set_disk_ro(disk, !!(le32_to_cpu(info->flags) & JMOO_INFO_READ_ONLY));
	err = add_disk(disk);
	if (err)
		goto put_disk;
	jmoo_disks[index] = ubd;
	sectors = le64_to_cpu(info->sectors);
	pr_info("ubd%c: %llu sectors (%llu %s)%s\n", 'a' + index, (unsigned long long)sectors,
		(unsigned long long)(sectors >= 2048 ? sectors >> 11 : sectors >> 1),
		sectors >= 2048 ? "MiB" : "KiB", get_disk_ro(disk) ? ", read-only" : "");
	return 0;

put_disk:
	put_disk(disk);
free_tags:
	blk_mq_free_tag_set(&ubd->tag_set);
free_ubd:
	kfree(ubd);
	return err;
}

static void jmoo_control(u32 command, u32 arg)
{
	outl(arg, JMOO_PORT_BASE + JMOO_REG_ARG);
	outl(command, JMOO_PORT_BASE + JMOO_REG_CONTROL);
}

static int jmoo_panic_notify(struct notifier_block *nb, unsigned long event, void *message)
{
	/* message is panic()'s static buffer: kernel data, directly mapped */
	jmoo_control(JMOO_CTL_PANIC, message ? (u32)virt_to_phys(message) : 0);
	return NOTIFY_DONE;
}

static struct notifier_block jmoo_panic_nb = {
	.notifier_call = jmoo_panic_notify,
	.priority = INT_MIN,	/* last: the other notifiers have printed their part */
};

/* Called by panic() once its whole report is on the console (not with panic=-1: that resets). */
static long jmoo_panic_blink(int state)
{
	static bool sent;

	if (!sent) {
		sent = true;
		jmoo_control(JMOO_CTL_PANIC_END, 0);
	}
	return 0;
}

static int jmoo_reboot_notify(struct notifier_block *nb, unsigned long action, void *cmd)
{
	if (action == SYS_RESTART)
		jmoo_control(JMOO_CTL_REBOOT, 0);
	else if (action == SYS_HALT)
		jmoo_control(JMOO_CTL_HALT, 0);
	/* SYS_POWER_OFF goes through jmoo_power_off, after devices are shut down */
	return NOTIFY_DONE;
}

static struct notifier_block jmoo_reboot_nb = {
	.notifier_call = jmoo_reboot_notify,
	.priority = INT_MIN,
};

static int jmoo_power_off(struct sys_off_data *data)
{
	jmoo_control(JMOO_CTL_POWER_OFF, 0);
	return NOTIFY_DONE;
}

static void jmoo_register_machine_control(void)
{
	struct sys_off_handler *h;

	h = register_sys_off_handler(SYS_OFF_MODE_POWER_OFF, SYS_OFF_PRIO_DEFAULT,
				     jmoo_power_off, NULL);
	if (IS_ERR(h))
		pr_warn("jmoo: cannot register the power-off handler: %ld\n", PTR_ERR(h));
	register_reboot_notifier(&jmoo_reboot_nb);
	atomic_notifier_chain_register(&panic_notifier_list, &jmoo_panic_nb);
	if (!panic_blink)
		panic_blink = jmoo_panic_blink;
}

/* Checks signature and ABI major version, then tells the device which version we speak. */
static bool jmoo_handshake(void)
{
	u32 signature = inl(JMOO_PORT_BASE + JMOO_REG_SIGNATURE);
	u32 version;

	if (signature != JMOO_SIGNATURE) {
		pr_info("jmoo: no port block at %#x (signature %#x)\n", JMOO_PORT_BASE, signature);
		return false;
	}
	version = inl(JMOO_PORT_BASE + JMOO_REG_VERSION);
	if ((version >> 16) != JMOO_ABI_MAJOR) {
		pr_err("jmoo: device ABI %u.%u, this driver speaks %u.x: disabled\n",
		       version >> 16, version & 0xffff, JMOO_ABI_MAJOR);
		return false;
	}
	outl(JMOO_ABI_VERSION, JMOO_PORT_BASE + JMOO_REG_VERSION);
	jmoo_device_hotplug = (version & 0xffff) >= 1;
	pr_info("jmoo: port block at %#x, device ABI %u.%u, driver ABI %u.%u\n", JMOO_PORT_BASE,
		version >> 16, version & 0xffff, JMOO_ABI_MAJOR, JMOO_ABI_MINOR);
	return true;
}

static void jmoo_remove_disk(int index)
{
	struct jmoo_ubd *ubd = jmoo_disks[index];

	jmoo_disks[index] = NULL;
	del_gendisk(ubd->disk);		/* an open disk stays open, its I/O fails */
	put_disk(ubd->disk);
	blk_mq_free_tag_set(&ubd->tag_set);
	kfree(ubd);
	pr_info("ubd%c: removed\n", 'a' + index);
}

/* Brings the disk table in line with the device's slots: adds new disks, removes gone ones. */
static void jmoo_probe_disks(void)
{
	struct jmoo_disk_info *info;
	u32 slots, i, status;

	info = kmalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return;
	mutex_lock(&jmoo_disks_lock);
	slots = min_t(u32, inl(JMOO_PORT_BASE + JMOO_REG_DISK_SLOTS), JMOO_MAX_DISKS);
	for (i = 0; i < JMOO_MAX_DISKS; i++) {
		status = i < slots ? jmoo_query_info(i, info) : JMOO_ST_NO_DISK;
		if (status == JMOO_ST_NO_DISK) {
			if (jmoo_disks[i])
				jmoo_remove_disk(i);
			continue;
		}
		if (status != JMOO_ST_OK) {
			pr_err("ubd%c: INFO failed with device status %u\n", 'a' + i, status);
			continue;
		}
		if (!jmoo_disks[i] && jmoo_add_disk(i, info))
			pr_err("ubd%c: cannot add the disk\n", 'a' + i);
	}
	mutex_unlock(&jmoo_disks_lock);
	kfree(info);
}

/* ABI 1.1 hot-plug: once a second, a changed GENERATION register means a slot changed. */
static void jmoo_hotplug_poll(struct work_struct *work);
static DECLARE_DELAYED_WORK(jmoo_hotplug_work, jmoo_hotplug_poll);

static void jmoo_hotplug_poll(struct work_struct *work)
{
	u32 generation = inl(JMOO_PORT_BASE + JMOO_REG_GENERATION);

	if (generation != jmoo_generation) {
		jmoo_generation = generation;
		jmoo_probe_disks();
	}
	schedule_delayed_work(&jmoo_hotplug_work, HZ);
}

static int __init jmoo_ubd_init(void)
{
	if (!request_region(JMOO_PORT_BASE, JMOO_PORT_COUNT, "jmoo"))
		return -EBUSY;
	if (!jmoo_handshake())
		goto release;
	jmoo_register_machine_control();
	jmoo_req = kzalloc(sizeof(*jmoo_req), GFP_KERNEL);
	if (!jmoo_req)
		return -ENOMEM;	/* machine control stays registered: it needs no memory */
	if (register_blkdev(UBD_MAJOR, "ubd")) {
		pr_err("jmoo: major %d is taken\n", UBD_MAJOR);
		return -EBUSY;
	}
	if (jmoo_device_hotplug)
		jmoo_generation = inl(JMOO_PORT_BASE + JMOO_REG_GENERATION);
	jmoo_probe_disks();
	if (jmoo_device_hotplug)
		schedule_delayed_work(&jmoo_hotplug_work, HZ);
	return 0;

release:
	release_region(JMOO_PORT_BASE, JMOO_PORT_COUNT);
	return -ENODEV;
}
/* before the root filesystem is mounted (prepare_namespace runs after all initcalls) */
device_initcall(jmoo_ubd_init);
