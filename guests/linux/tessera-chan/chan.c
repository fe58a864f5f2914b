// SPDX-License-Identifier: GPL-2.0
/*
 * tessera-chan: Tessera's shared-memory channels for Linux userspace.
 *
 * The hypervisor describes every channel this partition maps in the guest DTB
 * (a "tessera,channel" node: dts/bindings/tessera-channel.md in the Tessera
 * repository). For each, this driver makes a character device
 * /dev/tessera/<channel-name> (a misc device; devtmpfs names it from
 * .nodename): mmap of the channel's memory, read/poll that wait for a peer's
 * ring (the doorbell interrupt), and ringing a peer by write or ioctl through
 * Tessera's doorbell hypercall. The user interface is tessera_chan.h.
 *
 * Counting: every doorbell interrupt taken adds one to the channel's count;
 * each open file remembers how far it has read, so every reader gets every
 * ring exactly once (none lost between the interrupt and the read, none
 * counted twice). Rings a peer makes while this member's interrupt is still
 * pending are one interrupt (the hypervisor's doorbell is an edge): a peer that
 * must know each ring arrived waits for an answer.
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <linux/wait.h>

#include "tessera_abi.h"
#include "tessera_chan.h"

struct tchan {
	struct kref ref; /* the device's and each open file's */
	struct miscdevice misc;
	struct device *dev;
	struct tessera_chan_info info; /* all but rings, fixed at probe */
	phys_addr_t base;
	int irq; /* 0: none (this member cannot be rung) */
	atomic64_t rings;
	wait_queue_head_t wq;
	bool gone; /* unbound: waiters return ENODEV */
	char misc_name[TESSERA_CHAN_NAME_MAX + 8];
	char nodename[TESSERA_CHAN_NAME_MAX + 8];
};

struct tchan_file {
	struct tchan *ch;
	atomic64_t seen; /* the channel's count at this file's last read */
};

static void tchan_free(struct kref *ref)
{
	kfree(container_of(ref, struct tchan, ref));
}

static irqreturn_t tchan_irq(int irq, void *data)
{
	struct tchan *ch = data;

	atomic64_inc(&ch->rings);
	wake_up_interruptible_all(&ch->wq);
	return IRQ_HANDLED;
}

/* The hypervisor's answer as an errno (tessera_chan.h lists them). */
static int tchan_ring(struct tchan *ch, u32 target)
{
	unsigned long t = target == TESSERA_CHAN_ALL ? TCHAN_DB_ALL : target;

	if (READ_ONCE(ch->gone))
		return -ENODEV;
	wmb(); /* what this CPU wrote to the channel is visible before the peer is rung */
	switch (tchan_doorbell(ch->info.channel_id, t)) {
	case TCHAN_OK:
		return 0;
	case TCHAN_E_INVALID:
		return -ENXIO;
	case TCHAN_E_DENIED:
		return -EACCES;
	case TCHAN_E_OFF:
		return -EHOSTDOWN;
	default:
		return -EOPNOTSUPP;
	}
}

/* misc_open set private_data to the miscdevice, under the lock misc_deregister takes. */
static int tchan_open(struct inode *inode, struct file *f)
{
	struct tchan *ch = container_of(f->private_data, struct tchan, misc);
	struct tchan_file *tf = kzalloc(sizeof(*tf), GFP_KERNEL);

	if (!tf)
		return -ENOMEM;
	kref_get(&ch->ref);
	tf->ch = ch;
	atomic64_set(&tf->seen, atomic64_read(&ch->rings));
	f->private_data = tf;
	return stream_open(inode, f);
}

static int tchan_release(struct inode *inode, struct file *f)
{
	struct tchan_file *tf = f->private_data;

	kref_put(&tf->ch->ref, tchan_free);
	kfree(tf);
	return 0;
}

static bool tchan_news(struct tchan_file *tf)
{
	return atomic64_read(&tf->ch->rings) != atomic64_read(&tf->seen) || READ_ONCE(tf->ch->gone);
}

/* Blocks until this file has rings it has not read; returns their count as a __u64. */
static ssize_t tchan_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	struct tchan_file *tf = f->private_data;
	s64 seen, now;
	u64 n;
	int ret;

	if (len < sizeof(n))
		return -EINVAL;
	do {
		seen = atomic64_read(&tf->seen);
		now = atomic64_read(&tf->ch->rings);
		if (now == seen) {
			if (READ_ONCE(tf->ch->gone))
				return -ENODEV;
			if (f->f_flags & O_NONBLOCK)
				return -EAGAIN;
			ret = wait_event_interruptible(tf->ch->wq, tchan_news(tf));
			if (ret)
				return ret; /* -ERESTARTSYS */
			continue;
		}
		/* two threads reading one file: each ring goes to one of them */
	} while (now == seen || !atomic64_try_cmpxchg(&tf->seen, &seen, now));
	n = now - seen;
	if (copy_to_user(buf, &n, sizeof(n)))
		return -EFAULT;
	return sizeof(n);
}

static ssize_t tchan_write(struct file *f, const char __user *buf, size_t len, loff_t *off)
{
	struct tchan_file *tf = f->private_data;
	u32 target;
	int ret;

	if (len != sizeof(target))
		return -EINVAL;
	if (copy_from_user(&target, buf, sizeof(target)))
		return -EFAULT;
	ret = tchan_ring(tf->ch, target);
	return ret ? ret : sizeof(target);
}

static __poll_t tchan_poll(struct file *f, poll_table *wait)
{
	struct tchan_file *tf = f->private_data;
	__poll_t mask = EPOLLOUT | EPOLLWRNORM;

	poll_wait(f, &tf->ch->wq, wait);
	if (atomic64_read(&tf->ch->rings) != atomic64_read(&tf->seen))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(tf->ch->gone))
		mask |= EPOLLHUP | EPOLLERR;
	return mask;
}

/*
 * The channel's memory, cacheable (the hypervisor maps it as normal memory in
 * every member). A read-only member's mapping can never become writable: a
 * write through it is the process's SIGSEGV, never a stage-2 fault that would
 * stop the whole partition.
 */
static int tchan_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct tchan *ch = ((struct tchan_file *)f->private_data)->ch;
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT, len = vma->vm_end - vma->vm_start;

	if (off >= ch->info.size || len > ch->info.size - off)
		return -EINVAL;
	if (ch->info.flags & TESSERA_CHAN_F_READ_ONLY) {
		if (vma->vm_flags & VM_WRITE)
			return -EACCES;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
		vm_flags_clear(vma, VM_MAYWRITE); /* vm_flags is read-only from 6.3 */
#else
		vma->vm_flags &= ~VM_MAYWRITE;
#endif
	}
	return remap_pfn_range(vma, vma->vm_start, PHYS_PFN(ch->base) + vma->vm_pgoff, len,
			       vma->vm_page_prot);
}

static long tchan_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tchan *ch = ((struct tchan_file *)f->private_data)->ch;
	struct tessera_chan_info info;
	u32 target;

	switch (cmd) {
	case TESSERA_CHAN_RING:
		if (get_user(target, (u32 __user *)arg))
			return -EFAULT;
		return tchan_ring(ch, target);
	case TESSERA_CHAN_INFO:
		info = ch->info;
		info.rings = atomic64_read(&ch->rings);
		return copy_to_user((void __user *)arg, &info, sizeof(info)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tchan_fops = {
	.owner = THIS_MODULE,
	.open = tchan_open,
	.release = tchan_release,
	.read = tchan_read,
	.write = tchan_write,
	.poll = tchan_poll,
	.mmap = tchan_mmap,
	.unlocked_ioctl = tchan_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	/* no llseek: seeking fails with ESPIPE (6.1's no_llseek, gone in 6.12) */
};

/* A list of VM indices (tessera,members, tessera,ringable) as a bitmap. */
static u32 tchan_bitmap(struct device_node *np, const char *prop)
{
	int n = of_property_count_u32_elems(np, prop);
	u32 map = 0, v;

	for (int i = 0; i < n; i++)
		if (!of_property_read_u32_index(np, prop, i, &v) && v < 32)
			map |= 1U << v;
	return map;
}

/* A channel name as a device name: printable, no '/'. */
static void tchan_set_name(struct tchan *ch, const char *name)
{
	char *s = ch->info.name;

	strscpy(s, name, sizeof(ch->info.name));
	for (; *s; s++)
		if (*s == '/' || *s <= ' ' || *s > '~')
			*s = '_';
	snprintf(ch->misc_name, sizeof(ch->misc_name), "tessera-%s", ch->info.name);
	snprintf(ch->nodename, sizeof(ch->nodename), "tessera/%s", ch->info.name);
}

static int tchan_parse(struct platform_device *pdev, struct tchan *ch)
{
	struct device_node *np = pdev->dev.of_node;
	struct resource *mem = platform_get_resource_byname(pdev, IORESOURCE_MEM, "shmem");
	const char *name;

	if (!mem || of_property_read_u32(np, "tessera,channel-id", &ch->info.channel_id) ||
	    of_property_read_u32(np, "tessera,member", &ch->info.member) ||
	    of_property_read_string(np, "tessera,channel-name", &name)) {
		dev_err(&pdev->dev,
			"%pOF: needs reg \"shmem\", tessera,channel-id, tessera,member "
			"and tessera,channel-name (Tessera binding tessera-channel.md)\n",
			np);
		return -EINVAL;
	}
	ch->base = mem->start;
	ch->info.size = resource_size(mem);
	ch->info.members = tchan_bitmap(np, "tessera,members");
	ch->info.ringable = tchan_bitmap(np, "tessera,ringable");
	if (of_property_read_bool(np, "read-only"))
		ch->info.flags |= TESSERA_CHAN_F_READ_ONLY;
	if (platform_get_resource_byname(pdev, IORESOURCE_MEM, "doorbell"))
		ch->info.flags |= TESSERA_CHAN_F_DOORBELL;
	tchan_set_name(ch, name);
	return 0;
}

static int tchan_probe(struct platform_device *pdev)
{
	struct tchan *ch = kzalloc(sizeof(*ch), GFP_KERNEL);
	int ret;

	if (!ch)
		return -ENOMEM;
	kref_init(&ch->ref);
	init_waitqueue_head(&ch->wq);
	ch->dev = &pdev->dev;
	ret = tchan_parse(pdev, ch);
	if (ret)
		goto put;
	ret = platform_get_irq_optional(pdev, 0);
	if (ret < 0 && ret != -ENXIO)
		goto put;
	if (ret > 0) {
		ch->irq = ret;
		ch->info.flags |= TESSERA_CHAN_F_IRQ;
		ret = request_irq(ch->irq, tchan_irq, 0, ch->misc_name, ch);
		if (ret)
			goto put;
	}
	ch->misc = (struct miscdevice){
		.minor = MISC_DYNAMIC_MINOR,
		.name = ch->misc_name,
		.nodename = ch->nodename,
		.fops = &tchan_fops,
		.parent = &pdev->dev,
		.mode = 0660,
	};
	ret = misc_register(&ch->misc);
	if (ret)
		goto irq;
	platform_set_drvdata(pdev, ch);
	dev_info(&pdev->dev,
		 "channel %u '%s': %llu KiB at %pa%s, member %u of 0x%x, irq %d: /dev/%s\n",
		 ch->info.channel_id, ch->info.name, ch->info.size / 1024, &ch->base,
		 ch->info.flags & TESSERA_CHAN_F_READ_ONLY ? " read-only" : "", ch->info.member,
		 ch->info.members, ch->irq, ch->nodename);
	return 0;
irq:
	if (ch->irq)
		free_irq(ch->irq, ch);
put:
	if (ret != -EPROBE_DEFER)
		dev_err(&pdev->dev, "channel not set up: %d\n", ret);
	kref_put(&ch->ref, tchan_free);
	return ret;
}

/* Unbound with files open: their waits end (ENODEV); the last close frees the channel. */
/* Returns void from 6.11 (int before: its value was ignored). */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define TCHAN_REMOVE_RET void
#define TCHAN_REMOVE_OK
#else
#define TCHAN_REMOVE_RET int
#define TCHAN_REMOVE_OK	 0
#endif

static TCHAN_REMOVE_RET tchan_remove(struct platform_device *pdev)
{
	struct tchan *ch = platform_get_drvdata(pdev);

	WRITE_ONCE(ch->gone, true);
	wake_up_interruptible_all(&ch->wq);
	misc_deregister(&ch->misc);
	if (ch->irq)
		free_irq(ch->irq, ch);
	kref_put(&ch->ref, tchan_free);
	return TCHAN_REMOVE_OK;
}

static const struct of_device_id tchan_of_match[] = {{.compatible = "tessera,channel"}, {}};
MODULE_DEVICE_TABLE(of, tchan_of_match);

static struct platform_driver tchan_driver = {
	.probe = tchan_probe,
	.remove = tchan_remove,
	.driver =
		{
			.name = "tessera-channel",
			.of_match_table = tchan_of_match,
		},
};
module_platform_driver(tchan_driver);

MODULE_DESCRIPTION("Tessera shared-memory channels and doorbells");
MODULE_LICENSE("GPL");
