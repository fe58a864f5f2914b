// SPDX-License-Identifier: Apache-2.0
/*
 * tessera-chan: Tessera channels from the shell, on the tessera-chan driver's
 * devices (/dev/tessera/<name>, ../tessera_chan.h). Built static for arm64 into
 * the Linux guest's initramfs (scripts/linux-guest.sh).
 *
 *   tessera-chan [-c NAME | -d DEV | -f FD] COMMAND ...
 *     info                    the channel as the driver knows it
 *     wait [-t MS]            block until rung; prints "rings N" (N since the
 *                             open); -t: give up after MS ms (exit 3, "timeout")
 *     ring PEER|all           ring a member (its VM index)
 *     read OFFSET [LEN]       a 32-bit word (hex), or LEN raw bytes to stdout
 *     text [--seq SEQ] OFFSET [MAX]
 *                             the NUL-terminated text at OFFSET; --seq: a
 *                             consistent copy under the 32-bit sequence word
 *                             at SEQ (odd while the writer writes: a seqlock)
 *     write OFFSET [VALUE]    a 32-bit word, or stdin's bytes, at OFFSET
 *     write --force OFFSET V  write a word through a read-only mapping even on a
 *                             read-only member (the process gets SIGSEGV)
 *     pingpong PEER N         N times: ring PEER, wait for its answer (each
 *                             read must return exactly 1)
 *     answer PEER N           N times: wait for PEER's ring, ring it back
 *     latency PEER N          pingpong with the round trip's time: min, mean,
 *                             p99 and max in ns (CLOCK_MONOTONIC)
 * -f FD: a device the shell keeps open (exec 3<>/dev/tessera/NAME; -f 3), so
 * that rings between two commands count for the next wait, as for one open file.
 * Without -c/-d/-f: the one device in /dev/tessera. Exit 0, or 1 with a message
 * naming the errno (the hypervisor's refusals: tessera_chan.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "../tessera_chan.h"

static const char *prog = "tessera-chan";
static int fd = -1;
static struct tessera_chan_info info;

static int fail(const char *what, int err)
{
	const char *why = err == EHOSTDOWN
				  ? " (the member is stopped: powered off, faulted, or resetting)"
			  : err == ENXIO  ? " (not a member that can be rung)"
			  : err == EACCES ? " (refused: read-only member, or not a member)"
					  : "";

	fprintf(stderr, "%s: %s: %s%s\n", prog, what, strerror(err), why);
	return 1;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: %s [-c NAME | -d DEV | -f FD] info | wait [-t MS] | ring PEER|all | "
		"read OFFSET [LEN] | text [--seq SEQ] OFFSET [MAX] | write [--force] OFFSET "
		"[VALUE] | "
		"pingpong PEER N | answer PEER N | latency PEER N\n",
		prog);
	return 2;
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || !*s || *end ? -1 : 0;
}

/* The one device in /dev/tessera, when none is named. */
static int default_device(char *path, size_t len)
{
	DIR *d = opendir("/dev/tessera");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.' && n++ == 0)
			snprintf(path, len, "/dev/tessera/%s", e->d_name);
	if (d)
		closedir(d);
	if (n == 1)
		return 0;
	fprintf(stderr, "%s: %s channel devices in /dev/tessera: name one with -c NAME\n", prog,
		n ? "several" : "no");
	return -1;
}

static int cmd_info(void)
{
	printf("channel %u '%s': %llu bytes, member %u, members 0x%x, ringable 0x%x, %s%s%s, "
	       "rings %llu\n",
	       info.channel_id, info.name, (unsigned long long)info.size, info.member, info.members,
	       info.ringable, info.flags & TESSERA_CHAN_F_READ_ONLY ? "read-only" : "read-write",
	       info.flags & TESSERA_CHAN_F_IRQ ? ", irq" : ", no irq",
	       info.flags & TESSERA_CHAN_F_DOORBELL ? ", doorbell page" : "",
	       (unsigned long long)info.rings);
	return 0;
}

/* One read: the rings since the last; 0 on a timeout (ms >= 0), -1 on an error (errno). */
static long long wait_rings(int ms)
{
	uint64_t n;
	struct pollfd p = {.fd = fd, .events = POLLIN};

	if (ms >= 0) {
		int r = poll(&p, 1, ms);

		if (r <= 0)
			return r;
	}
	if (read(fd, &n, sizeof(n)) != sizeof(n))
		return -1;
	return (long long)n;
}

static int cmd_wait(int argc, char **argv)
{
	uint64_t ms = 0;
	long long n;

	if (argc == 2 && !strcmp(argv[0], "-t") && !parse_u64(argv[1], &ms))
		n = wait_rings((int)ms);
	else if (argc == 0)
		n = wait_rings(-1);
	else
		return usage();
	if (n < 0)
		return fail("wait", errno);
	if (n == 0) {
		printf("timeout\n");
		return 3;
	}
	printf("rings %lld\n", n);
	return 0;
}

static int parse_peer(const char *s, uint32_t *peer)
{
	uint64_t v;

	if (!strcmp(s, "all")) {
		*peer = TESSERA_CHAN_ALL;
		return 0;
	}
	if (parse_u64(s, &v) || v >= 32)
		return -1;
	*peer = (uint32_t)v;
	return 0;
}

static int ring(uint32_t peer)
{
	return ioctl(fd, TESSERA_CHAN_RING, &peer);
}

static int cmd_ring(int argc, char **argv)
{
	uint32_t peer;

	if (argc != 1 || parse_peer(argv[0], &peer))
		return usage();
	if (ring(peer))
		return fail(argv[0][0] == 'a' ? "ring all" : "ring", errno);
	return 0;
}

/* The channel mapped (read-only unless writable); NULL after a message. */
static volatile uint8_t *map(int writable)
{
	void *p = mmap(NULL, info.size, PROT_READ | (writable ? PROT_WRITE : 0), MAP_SHARED, fd, 0);

	if (p == MAP_FAILED) {
		fail(writable ? "mmap read-write" : "mmap", errno);
		return NULL;
	}
	return p;
}

static int offset_ok(uint64_t off, uint64_t len)
{
	if (off < info.size && len <= info.size - off)
		return 1;
	fprintf(stderr, "%s: [0x%llx, +%llu) is outside the channel's %llu bytes\n", prog,
		(unsigned long long)off, (unsigned long long)len, (unsigned long long)info.size);
	return 0;
}

/*
 * The text at m + off (at most len bytes) as the writer left it between two
 * updates: the sequence word at m + seq is odd while it writes and changes
 * with each update, so a copy taken while it stayed even and unchanged is
 * whole (a seqlock; the loads are ordered by acquire fences: on arm64 DMB
 * ISHLD). Gives up after 10 000 tries (a writer that never finishes).
 */
static int snapshot(volatile uint8_t *m, uint64_t seq, uint64_t off, uint64_t len, char *out)
{
	volatile uint32_t *s = (volatile uint32_t *)(m + seq);

	for (int tries = 0; tries < 10000; tries++) {
		uint32_t before = *s;
		uint64_t n = 0;

		if (before & 1) {
			usleep(100);
			continue;
		}
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		while (n < len && (out[n] = (char)m[off + n]) != 0)
			n++;
		out[n] = 0;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (*s == before)
			return 0;
	}
	fprintf(stderr, "%s: the sequence word at 0x%llx never stayed even: no consistent copy\n",
		prog, (unsigned long long)seq);
	return -1;
}

static int cmd_text_seq(int argc, char **argv)
{
	uint64_t seq, off, len = info.size;
	volatile uint8_t *m;
	char *buf;
	int ret;

	if (argc < 2 || argc > 3 || parse_u64(argv[0], &seq) || parse_u64(argv[1], &off) ||
	    (argc == 3 && parse_u64(argv[2], &len)) || seq % 4)
		return usage();
	if (off < info.size && len > info.size - off)
		len = info.size - off;
	if (!offset_ok(seq, 4) || !offset_ok(off, len) || !(m = map(0)))
		return 1;
	buf = malloc(len + 1);
	if (!buf)
		return 1;
	ret = snapshot(m, seq, off, len, buf);
	if (ret == 0)
		printf("%s\n", buf);
	free(buf);
	return ret ? 1 : 0;
}

static int cmd_read(int argc, char **argv, int text)
{
	uint64_t off, len = text ? info.size : 4;
	volatile uint8_t *m;

	if (text && argc >= 1 && !strcmp(argv[0], "--seq"))
		return cmd_text_seq(argc - 1, argv + 1);
	if (argc < 1 || argc > 2 || parse_u64(argv[0], &off) ||
	    (argc == 2 && parse_u64(argv[1], &len)))
		return usage();
	if (!text && argc == 1 && off % 4) {
		fprintf(stderr, "%s: a word's offset must be a multiple of 4\n", prog);
		return 1;
	}
	if (text && off < info.size && len > info.size - off)
		len = info.size - off;
	if (!offset_ok(off, len) || !(m = map(0)))
		return 1;
	if (text) {
		uint64_t n = 0;

		while (n < len && m[off + n])
			n++;
		fwrite((const void *)(m + off), 1, n, stdout);
		putchar('\n');
	} else if (argc == 1) {
		printf("0x%08x\n", *(volatile uint32_t *)(m + off));
	} else {
		fwrite((const void *)(m + off), 1, len, stdout);
	}
	return 0;
}

static int write_stdin(volatile uint8_t *m, uint64_t off)
{
	uint8_t buf[512];
	ssize_t n;

	while ((n = read(0, buf, sizeof(buf))) > 0) {
		if (!offset_ok(off, (uint64_t)n))
			return 1;
		memcpy((void *)(m + off), buf, (size_t)n);
		off += (uint64_t)n;
	}
	return n < 0 ? fail("read stdin", errno) : 0;
}

static int cmd_write(int argc, char **argv)
{
	int force = argc > 0 && !strcmp(argv[0], "--force");
	uint64_t off, value = 0;
	volatile uint8_t *m;

	argc -= force;
	argv += force;
	if (argc < 1 || argc > 2 || parse_u64(argv[0], &off) ||
	    (argc == 2 && (parse_u64(argv[1], &value) || value > 0xffffffffULL)) ||
	    (force && argc != 2))
		return usage();
	if (argc == 2 && off % 4) {
		fprintf(stderr, "%s: a word's offset must be a multiple of 4\n", prog);
		return 1;
	}
	if (argc == 2 && !offset_ok(off, 4))
		return 1;
	if (force && (info.flags & TESSERA_CHAN_F_READ_ONLY)) {
		printf("writing through a read-only mapping of a read-only member\n");
		fflush(stdout);
		m = map(0);
	} else {
		m = map(1);
	}
	if (!m)
		return 1;
	if (argc == 1)
		return write_stdin(m, off);
	*(volatile uint32_t *)(m + off) = (uint32_t)value;
	return 0;
}

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ULL + (uint64_t)t.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void print_latency(uint64_t *ns, uint64_t n)
{
	uint64_t sum = 0;

	qsort(ns, n, sizeof(ns[0]), cmp_u64);
	for (uint64_t i = 0; i < n; i++)
		sum += ns[i];
	printf("latency round trip ns: n=%llu min=%llu mean=%llu p99=%llu max=%llu\n",
	       (unsigned long long)n, (unsigned long long)ns[0], (unsigned long long)(sum / n),
	       (unsigned long long)ns[(n * 99 + 99) / 100 - 1], (unsigned long long)ns[n - 1]);
}

/*
 * Ring first (pingpong, latency) or answer: n rounds, each read must return
 * exactly 1 (no ring lost, none invented). ns: round-trip times, or NULL.
 */
static int rounds(uint32_t peer, uint64_t n, int first, uint64_t *ns)
{
	uint64_t sent = 0, got = 0;

	for (uint64_t i = 0; i < n; i++) {
		uint64_t t0 = now_ns();
		long long r;

		if (first && ring(peer))
			return fail("ring", errno);
		sent += first;
		r = wait_rings(-1);
		if (r < 0)
			return fail("wait", errno);
		if (ns)
			ns[i] = now_ns() - t0;
		got += (uint64_t)r;
		if (r != 1) {
			printf("round %llu: read returned %lld rings, not 1\n",
			       (unsigned long long)i + 1, r);
			return 1;
		}
		if (!first && ring(peer))
			return fail("ring", errno);
		sent += !first;
	}
	printf("%s: %llu rings sent, %llu received, every read 1\n", first ? "pingpong" : "answer",
	       (unsigned long long)sent, (unsigned long long)got);
	return 0;
}

static int cmd_rounds(int argc, char **argv, const char *cmd)
{
	uint32_t peer;
	uint64_t n, *ns = NULL;
	int ret;

	if (argc != 2 || parse_peer(argv[0], &peer) || parse_u64(argv[1], &n) || !n || n > 10000000)
		return usage();
	if (!strcmp(cmd, "latency") && !(ns = calloc(n, sizeof(*ns))))
		return fail("latency", ENOMEM);
	ret = rounds(peer, n, strcmp(cmd, "answer") != 0, ns);
	if (!ret && ns)
		print_latency(ns, n);
	free(ns);
	return ret;
}

static int open_device(const char *path)
{
	if (fd < 0)
		fd = open(path, O_RDWR);
	if (fd < 0 && errno == EACCES)
		fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return -1;
	}
	if (ioctl(fd, TESSERA_CHAN_INFO, &info)) {
		fail("info", errno);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	char path[300] = "";
	const char *cmd;
	uint64_t n;

	for (argc--, argv++; argc >= 2 && argv[0][0] == '-'; argc -= 2, argv += 2) {
		if (!strcmp(argv[0], "-c"))
			snprintf(path, sizeof(path), "/dev/tessera/%s", argv[1]);
		else if (!strcmp(argv[0], "-d"))
			snprintf(path, sizeof(path), "%s", argv[1]);
		else if (!strcmp(argv[0], "-f") && !parse_u64(argv[1], &n) && n < 1024)
			fd = (int)n;
		else
			return usage();
	}
	if (argc < 1)
		return usage();
	if ((fd < 0 && !path[0] && default_device(path, sizeof(path))) || open_device(path))
		return 1;
	cmd = argv[0];
	argc--, argv++;
	if (!strcmp(cmd, "info") && argc == 0)
		return cmd_info();
	if (!strcmp(cmd, "wait"))
		return cmd_wait(argc, argv);
	if (!strcmp(cmd, "ring"))
		return cmd_ring(argc, argv);
	if (!strcmp(cmd, "read") || !strcmp(cmd, "text"))
		return cmd_read(argc, argv, cmd[0] == 't');
	if (!strcmp(cmd, "write"))
		return cmd_write(argc, argv);
	if (!strcmp(cmd, "pingpong") || !strcmp(cmd, "answer") || !strcmp(cmd, "latency"))
		return cmd_rounds(argc, argv, cmd);
	return usage();
}
