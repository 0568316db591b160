/* rtp-pace-floor — what pacing jitter this machine itself allows: N RTP streams of 20 ms µ-law packets (172 bytes),
 * one UDP socket per stream (as the server has), paced by one SCHED_FIFO thread with clock_nanosleep(TIMER_ABSTIME)
 * over PHASES phases of the 20 ms frame (the server's PacingLoop without the managed code), sent to DST:PORT where a
 * reader thread drains them. Capture it like tools/bench/sip-load does (dumpcap on lo) and read it with
 * tools/bench/rtp-figures --server-ports BASE-(BASE+N-1) --peer-port PORT; the program itself prints its own wake-up
 * lateness (p50/p99/max) and the mean cost of one sendto. Compiled by tools/bench/pace-floor with gcc.
 *   rtp-pace-floor STREAMS SECONDS PHASES BASE_PORT DST_PORT [SPIN_US]
 * SPIN_US > 0: sleep to SPIN_US before each deadline, then spin on clock_gettime (the "wake early, spin" variant).
 * CONNECTED=1 in the environment: each socket is connect()ed to DST and sends with send() (the route is cached on the
 * socket instead of looked up per packet), to price that against sendto.
 * RECEIVE=1 (with CONNECTED=1): no sink of its own — DST_PORT is a peer that sends every stream its caller's audio
 * (tools/bench/caller-audio-send, as sip-load --caller-audio runs it) — and a receive thread takes that audio the way the
 * server's receive threads do (every socket in one epoll set, edge-triggered; recvmmsg of 16 per ready socket, reading
 * only the first byte). The line printed then adds the process's CPU over the paced seconds, per stream in % of a core:
 * the per-call floor of one socket per call with a system call per packet each way, no managed code
 * (tools/bench/talk-floor runs it).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FRAME_NS 20000000LL
#define PACKET 172
#define MAX_LATE 100000 /* samples of lateness kept */

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int cmp_ll(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static volatile int running = 1;
static int sink_fd;

static void *drain(void *unused) {
    (void)unused;
    char buffer[2048];
    while (running) recv(sink_fd, buffer, sizeof buffer, 0);
    return NULL;
}

static int *stream_fds;
static int stream_count;
static volatile long long received, receive_wakes;

/* The server's receive thread without its handling: edge-triggered epoll over every stream socket, recvmmsg per ready
 * socket until it returns fewer than asked. */
static void *receive(void *unused) {
    (void)unused;
    int ep = epoll_create1(0);
    for (int s = 0; s < stream_count; s++) {
        struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u32 = (unsigned)s};
        epoll_ctl(ep, EPOLL_CTL_ADD, stream_fds[s], &ev);
    }
    static struct epoll_event events[256];
    static char data[16][2048];
    static struct sockaddr_storage names[16];
    static struct iovec vectors[16];
    static struct mmsghdr messages[16];
    long long sum = 0;
    while (running) {
        int n = epoll_wait(ep, events, 256, 200);
        receive_wakes++;
        for (int i = 0; i < n; i++) {
            int fd = stream_fds[events[i].data.u32];
            for (;;) {
                for (int m = 0; m < 16; m++) {
                    vectors[m] = (struct iovec){data[m], sizeof data[m]};
                    messages[m].msg_hdr = (struct msghdr){.msg_name = &names[m], .msg_namelen = sizeof names[m], .msg_iov = &vectors[m], .msg_iovlen = 1};
                }
                int got = recvmmsg(fd, messages, 16, MSG_DONTWAIT, NULL);
                if (got <= 0) break;
                for (int m = 0; m < got; m++) sum += data[m][0];
                received += got;
                if (got < 16) break;
            }
        }
    }
    if (sum == 42) puts("");
    close(ep);
    return NULL;
}

static double cpu_seconds(void) {
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return r.ru_utime.tv_sec + r.ru_stime.tv_sec + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s STREAMS SECONDS PHASES BASE_PORT DST_PORT [SPIN_US]\n", argv[0]);
        return 2;
    }
    int streams = atoi(argv[1]), phases = atoi(argv[3]), base = atoi(argv[4]), port = atoi(argv[5]);
    double seconds = atof(argv[2]);
    long long spin_ns = argc > 6 ? atoll(argv[6]) * 1000 : 0;
    int connected = getenv("CONNECTED") && atoi(getenv("CONNECTED")) == 1;
    int receiving = getenv("RECEIVE") && atoi(getenv("RECEIVE")) == 1;
    if (streams < 1 || phases < 1 || seconds <= 0 || (receiving && !connected)) return 2;

    struct sockaddr_in dst = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
    pthread_t reader;
    if (!receiving) {
        sink_fd = socket(AF_INET, SOCK_DGRAM, 0);
        struct timeval tv = {.tv_sec = 0, .tv_usec = 200000};
        setsockopt(sink_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        if (bind(sink_fd, (struct sockaddr *)&dst, sizeof dst) < 0) {
            perror("bind sink");
            return 1;
        }
        pthread_create(&reader, NULL, drain, NULL);
    }

    int *fds = calloc(streams, sizeof *fds);
    unsigned char(*packets)[PACKET] = calloc(streams, PACKET);
    for (int s = 0; s < streams; s++) {
        fds[s] = socket(AF_INET, SOCK_DGRAM, 0);
        struct sockaddr_in src = {.sin_family = AF_INET, .sin_port = htons(base + s)};
        inet_pton(AF_INET, "127.0.0.1", &src.sin_addr);
        if (fds[s] < 0 || bind(fds[s], (struct sockaddr *)&src, sizeof src) < 0) {
            perror("bind stream");
            return 1;
        }
        if (connected && connect(fds[s], (struct sockaddr *)&dst, sizeof dst) < 0) {
            perror("connect");
            return 1;
        }
        unsigned char *p = packets[s];
        p[0] = 0x80;
        p[1] = 0x80; /* first packet: marker, PT 0 */
        unsigned int ssrc = htonl(0x1000 + s);
        memcpy(p + 8, &ssrc, 4);
        memset(p + 12, 0xFF, PACKET - 12);
    }
    stream_fds = fds;
    stream_count = streams;
    if (receiving) pthread_create(&reader, NULL, receive, NULL);
    unsigned short *seq = calloc(streams, sizeof *seq);
    unsigned int *ts = calloc(streams, sizeof *ts);

    struct sched_param param = {.sched_priority = 10};
    int rt = pthread_setschedparam(pthread_self(), SCHED_FIFO, &param) == 0;
    prctl(PR_SET_TIMERSLACK, 1);

    long long step = FRAME_NS / phases;
    long long *late = calloc(MAX_LATE, sizeof *late);
    long late_n = 0, sends = 0;
    long long send_ns = 0;
    long long start = now_ns() + 10000000LL, deadline = start, end = start + (long long)(seconds * 1e9);
    /* with a peer, the first second starts its streams (each on our first packet) and is not measured */
    long long measured_from = receiving ? start + 1000000000LL : start;
    double cpu_from = 0, received_from = 0;
    int measuring = 0;
    for (long long n = 0; deadline < end; n++, deadline += step) {
        int phase = (int)(n % phases);
        if (spin_ns > 0) {
            struct timespec wake = {.tv_sec = (deadline - spin_ns) / 1000000000LL, .tv_nsec = (deadline - spin_ns) % 1000000000LL};
            if (deadline - spin_ns > now_ns()) clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &wake, NULL);
            while (now_ns() < deadline) {}
        } else {
            struct timespec wake = {.tv_sec = deadline / 1000000000LL, .tv_nsec = deadline % 1000000000LL};
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &wake, NULL);
        }
        long long woke = now_ns();
        if (!measuring && woke >= measured_from) {
            measuring = 1;
            cpu_from = cpu_seconds();
            received_from = received;
        }
        if (late_n < MAX_LATE) late[late_n++] = woke - deadline;
        for (int s = phase; s < streams; s += phases) {
            unsigned char *p = packets[s];
            unsigned short q = htons(seq[s]);
            unsigned int t = htonl(ts[s]);
            memcpy(p + 2, &q, 2);
            memcpy(p + 4, &t, 4);
            if (connected) send(fds[s], p, PACKET, 0);
            else sendto(fds[s], p, PACKET, 0, (struct sockaddr *)&dst, sizeof dst);
            p[1] = 0x00;
            seq[s]++;
            ts[s] += 160;
            sends++;
        }
        send_ns += now_ns() - woke;
    }
    double cpu = cpu_seconds() - cpu_from, wall = (now_ns() - measured_from) / 1e9, got = received - received_from;
    running = 0;
    pthread_join(reader, NULL);
    qsort(late, late_n, sizeof *late, cmp_ll);
    printf("floor: %d streams, %d phases, %.0f s, SCHED_FIFO %s, %s, spin %lld us: wake-up lateness p50 %.1f p99 %.1f max %.1f us; "
           "sendto %.2f us each (%ld sends)\n",
           streams, phases, seconds, rt ? "yes" : "no", connected ? "connected send" : "sendto", spin_ns / 1000, late[late_n / 2] / 1e3, late[(long)(late_n * 0.99)] / 1e3,
           late[late_n - 1] / 1e3, sends ? send_ns / 1e3 / sends : 0.0, sends);
    if (receiving)
        printf("floor CPU: %.3f cores over %.1f s for %d streams: %.4f %% of a core per call; received %.0f datagrams/s (%d expected), %.0f receive wakes/s\n",
               cpu / wall, wall, streams, 100.0 * cpu / wall / streams, got / wall, streams * 50, receive_wakes / ((end - start) / 1e9));
    return 0;
}
