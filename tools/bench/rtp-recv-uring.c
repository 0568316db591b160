/* tools/bench/rtp-recv-uring.c — can io_uring cut the receive threads' cost per RTP datagram? (issue 13: each call on
 * its own socket; a receive thread wakes in epoll_wait for the sockets a burst reached and reads each with recvmmsg,
 * one system call per datagram at 50 packets a second per call. A multishot recvmsg armed once per socket, its
 * datagrams landing in a ring of provided buffers, lets one io_uring_enter per wake take the datagrams of every socket.)
 * A sender process streams 172-byte datagrams to SOCKETS sockets on loopback, each socket one every 20 ms, in 1 ms
 * ticks (sendmmsg) as tools/bench/caller-audio-send does; this process receives them on one thread, one way per run,
 * and prints its own CPU time per datagram (getrusage; loopback delivery runs in the sender's context, so both ways
 * leave it out alike), wake-ups per second and datagrams per wake:
 *   epoll   what ships: epoll edge-triggered, recvmmsg (16, MSG_DONTWAIT) per ready socket until it has fewer
 *   uring   io_uring (SINGLE_ISSUER, DEFER_TASKRUN): a multishot recvmsg per socket into one provided-buffer ring,
 *           io_uring_submit_and_wait(1) per wake, each buffer handed back at once
 *   uring-plain  the same without SINGLE_ISSUER and DEFER_TASKRUN (the kernel's task work runs when it likes)
 *   epoll-tick / uring-tick  the same two on a fixed cadence: sleep to the next tick (clock_nanosleep, absolute;
 *           TICK_US, default 1000), then take whatever is ready without waiting (epoll_wait 0 / io_uring_enter with
 *           no minimum: the deferred task work of every arrival since the last tick runs in that one call); block
 *           only when a tick found nothing. Wakes are bounded by the cadence, however the packets arrive.
 * Build and run (liburing is not installed by tools/test):
 *   apt-get install -y liburing-dev && gcc -O2 -o /tmp/rtp-recv-uring tools/bench/rtp-recv-uring.c -luring
 *   /tmp/rtp-recv-uring epoll 1000 10; /tmp/rtp-recv-uring uring 1000 10    (way, sockets, seconds measured)
 *   /tmp/rtp-recv-uring uring-tick 1000 10 2000                             (... tick in microseconds)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <liburing.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_SOCKETS 4096
#define PAYLOAD 172
#define BATCH 16
#define BUFFERS 4096 /* provided buffers (a power of two) */
#define BUFFER_SIZE 2048
#define GROUP 0

static int fds[MAX_SOCKETS];
static long tick_ns = 1000000;
static int ticking, waiting;
static struct timespec next_tick;

/* Sleeps to the next tick of the cadence (absolute: no drift); a tick already past is not slept for. */
static void sleep_to_tick(void) {
  next_tick.tv_nsec += tick_ns;
  while (next_tick.tv_nsec >= 1000000000) { next_tick.tv_nsec -= 1000000000; next_tick.tv_sec++; }
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (now.tv_sec > next_tick.tv_sec || (now.tv_sec == next_tick.tv_sec && now.tv_nsec >= next_tick.tv_nsec)) { next_tick = now; return; }
  clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next_tick, NULL);
}
static struct sockaddr_in addrs[MAX_SOCKETS];
static int sockets;
static volatile long long received, wakes;

static double cpu_ns(void) {
  struct rusage r;
  getrusage(RUSAGE_SELF, &r);
  return (r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1e9 + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) * 1e3;
}

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

/* The callers: every socket a datagram every 20 ms, a twentieth of them each 1 ms tick. */
static void send_forever(void) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  static char payload[PAYLOAD];
  static struct mmsghdr messages[64];
  static struct iovec vectors[64];
  struct timespec tick;
  clock_gettime(CLOCK_MONOTONIC, &tick);
  for (long step = 0;; step++) {
    int queued = 0;
    for (int s = (int)(step % 20); s < sockets; s += 20) {
      vectors[queued] = (struct iovec){payload, PAYLOAD};
      messages[queued].msg_hdr = (struct msghdr){.msg_name = &addrs[s], .msg_namelen = sizeof addrs[s], .msg_iov = &vectors[queued], .msg_iovlen = 1};
      if (++queued == 64) { sendmmsg(fd, messages, queued, 0); queued = 0; }
    }
    if (queued) sendmmsg(fd, messages, queued, 0);
    tick.tv_nsec += 1000000;
    if (tick.tv_nsec >= 1000000000) { tick.tv_nsec -= 1000000000; tick.tv_sec++; }
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &tick, NULL);
  }
}

static void receive_epoll(double until) {
  int ep = epoll_create1(0);
  for (int s = 0; s < sockets; s++) {
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u32 = (uint32_t)s};
    epoll_ctl(ep, EPOLL_CTL_ADD, fds[s], &ev);
  }
  static struct epoll_event events[256];
  static char data[BATCH][1500];
  static struct sockaddr_storage names[BATCH];
  static struct iovec vectors[BATCH];
  static struct mmsghdr messages[BATCH];
  long long sum = 0;
  clock_gettime(CLOCK_MONOTONIC, &next_tick);
  while (now_s() < until) {
    int n;
    if (ticking) {
      sleep_to_tick();
      n = epoll_wait(ep, events, 256, 0);
      if (n == 0) { n = epoll_wait(ep, events, 256, 100); clock_gettime(CLOCK_MONOTONIC, &next_tick); }
    } else {
      n = epoll_wait(ep, events, 256, 100);
    }
    wakes++;
    for (int i = 0; i < n; i++) {
      int fd = fds[events[i].data.u32];
      for (;;) {
        for (int m = 0; m < BATCH; m++) {
          vectors[m] = (struct iovec){data[m], sizeof data[m]};
          messages[m].msg_hdr = (struct msghdr){.msg_name = &names[m], .msg_namelen = sizeof names[m], .msg_iov = &vectors[m], .msg_iovlen = 1};
        }
        int got = recvmmsg(fd, messages, BATCH, MSG_DONTWAIT, NULL);
        if (got <= 0) break;
        for (int m = 0; m < got; m++) sum += data[m][0] + (int)messages[m].msg_len;
        received += got;
        if (got < BATCH) break;
      }
    }
  }
  if (sum == 42) puts("");
  close(ep);
}

static struct io_uring ring;
static struct io_uring_buf_ring *buffers;
static char *buffer_memory;
static struct msghdr arm_header = {.msg_namelen = sizeof(struct sockaddr_in6)};

static void arm(int s) {
  struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
  if (!sqe) { io_uring_submit(&ring); sqe = io_uring_get_sqe(&ring); }
  io_uring_prep_recvmsg_multishot(sqe, fds[s], &arm_header, 0);
  sqe->flags |= IOSQE_BUFFER_SELECT;
  sqe->buf_group = GROUP;
  io_uring_sqe_set_data64(sqe, (uint64_t)s);
}

static int deferred = 1;

static void receive_uring(double until) {
  struct io_uring_params p = {.flags = IORING_SETUP_CQSIZE, .cq_entries = 16384};
  if (deferred) p.flags |= IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
  int r = io_uring_queue_init_params(1024, &ring, &p);
  if (r < 0) { fprintf(stderr, "io_uring_queue_init_params: %s\n", strerror(-r)); exit(1); }
  if (posix_memalign((void **)&buffers, 4096, BUFFERS * sizeof(struct io_uring_buf))) exit(1);
  buffer_memory = malloc((size_t)BUFFERS * BUFFER_SIZE);
  io_uring_buf_ring_init(buffers);
  struct io_uring_buf_reg reg = {.ring_addr = (unsigned long)buffers, .ring_entries = BUFFERS, .bgid = GROUP};
  r = io_uring_register_buf_ring(&ring, &reg, 0);
  if (r < 0) { fprintf(stderr, "io_uring_register_buf_ring: %s\n", strerror(-r)); exit(1); }
  int mask = io_uring_buf_ring_mask(BUFFERS);
  for (int b = 0; b < BUFFERS; b++) io_uring_buf_ring_add(buffers, buffer_memory + (size_t)b * BUFFER_SIZE, BUFFER_SIZE, b, mask, b);
  io_uring_buf_ring_advance(buffers, BUFFERS);
  for (int s = 0; s < sockets; s++) arm(s);
  long long sum = 0, rearmed = 0;
  struct __kernel_timespec wait = {.tv_sec = 0, .tv_nsec = 100000000};
  clock_gettime(CLOCK_MONOTONIC, &next_tick);
  while (now_s() < until) {
    struct io_uring_cqe *cqe;
    if (waiting) {
      /* one call a tick: deferred task work wakes a waiter only once min_complete items are pending */
      struct __kernel_timespec tick = {.tv_sec = 0, .tv_nsec = tick_ns};
      io_uring_submit_and_wait_timeout(&ring, &cqe, 1u << 20, &tick, NULL);
    } else if (ticking) {
      sleep_to_tick();
      io_uring_submit_and_get_events(&ring);
      if (io_uring_cq_ready(&ring) == 0) { io_uring_submit_and_wait_timeout(&ring, &cqe, 1, &wait, NULL); clock_gettime(CLOCK_MONOTONIC, &next_tick); }
    } else {
      io_uring_submit_and_wait_timeout(&ring, &cqe, 1, &wait, NULL);
    }
    wakes++;
    unsigned head, seen = 0, returned = 0;
    io_uring_for_each_cqe(&ring, head, cqe) {
      seen++;
      int s = (int)cqe->user_data;
      if (cqe->res >= 0 && (cqe->flags & IORING_CQE_F_BUFFER)) {
        int b = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
        char *buffer = buffer_memory + (size_t)b * BUFFER_SIZE;
        struct io_uring_recvmsg_out *out = io_uring_recvmsg_validate(buffer, cqe->res, &arm_header);
        if (out) {
          unsigned char *payload = io_uring_recvmsg_payload(out, &arm_header);
          sum += payload[0] + (int)out->payloadlen;
          received++;
        }
        io_uring_buf_ring_add(buffers, buffer, BUFFER_SIZE, b, mask, returned++);
      }
      if (!(cqe->flags & IORING_CQE_F_MORE) && s >= 0 && s < sockets) { arm(s); rearmed++; }
    }
    if (returned) io_uring_buf_ring_advance(buffers, returned);
    io_uring_cq_advance(&ring, seen);
  }
  if (sum == 42) puts("");
  if (rearmed) fprintf(stderr, "(re-armed %lld times)\n", rearmed);
  io_uring_queue_exit(&ring);
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: %s epoll|uring|uring-plain|epoll-tick|uring-tick SOCKETS SECONDS [TICK_US]\n", argv[0]); return 2; }
  ticking = strstr(argv[1], "-tick") != NULL;
  waiting = strcmp(argv[1], "uring-wait") == 0;
  if (argc > 4) tick_ns = atol(argv[4]) * 1000;
  sockets = atoi(argv[2]);
  double seconds = atof(argv[3]);
  if (sockets < 1 || sockets > MAX_SOCKETS) return 2;
  for (int s = 0; s < sockets; s++) {
    fds[s] = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(fds[s], (struct sockaddr *)&a, sizeof a);
    socklen_t length = sizeof addrs[s];
    getsockname(fds[s], (struct sockaddr *)&addrs[s], &length);
  }
  pid_t sender = fork();
  if (sender == 0) send_forever();
  int uring = strncmp(argv[1], "uring", 5) == 0;
  deferred = strcmp(argv[1], "uring-plain") != 0;
  double start = now_s();
  (uring ? receive_uring : receive_epoll)(start + 1); /* warm-up second, unmeasured (its own setup included) */
  /* measured: a fresh setup is not in it for epoll; for uring the second run re-arms (cheap, once per socket) */
  long long r0 = received, w0 = wakes;
  double c0 = cpu_ns(), t0 = now_s();
  (uring ? receive_uring : receive_epoll)(t0 + seconds);
  double c1 = cpu_ns(), t1 = now_s();
  kill(sender, SIGKILL);
  waitpid(sender, NULL, 0);
  long long got = received - r0, woke = wakes - w0;
  printf("%s %d sockets: %.0f ns CPU per datagram, %.0f datagrams/s (expected %d), %.0f wakes/s, %.1f datagrams a wake, %.3f cores\n",
         argv[1], sockets, (c1 - c0) / (double)got, got / (t1 - t0), sockets * 50, woke / (t1 - t0), (double)got / (double)woke, (c1 - c0) / 1e9 / (t1 - t0));
  return 0;
}
