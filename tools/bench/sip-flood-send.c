/* sip-flood-send — the sender of tools/bench/sip-flood: random datagrams (100-1400 bytes) from SRC to DST:PORT at RATE/s
 * for SECONDS, in batches of up to 64 per sendmmsg(2) (one system call per batch is what lets one process reach tens of
 * thousands per second on a loaded machine). Prints the number sent and the number of
 * failed sendmmsg calls. Compiled by tools/bench/sip-flood with gcc.
 *   sip-flood-send SRC DST PORT RATE SECONDS SEED
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define BATCH 64
#define PAYLOADS 1024

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: %s SRC DST PORT RATE SECONDS SEED\n", argv[0]);
        return 2;
    }
    double rate = atof(argv[4]), seconds = atof(argv[5]);
    srand((unsigned)atoi(argv[6]));
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in src = {.sin_family = AF_INET}, dst = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[3]))};
    inet_pton(AF_INET, argv[1], &src.sin_addr);
    inet_pton(AF_INET, argv[2], &dst.sin_addr);
    int sndbuf = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    if (fd < 0 || bind(fd, (struct sockaddr *)&src, sizeof src) < 0) {
        perror("socket/bind");
        return 1;
    }
    static unsigned char data[PAYLOADS][1400];
    static size_t length[PAYLOADS];
    for (int i = 0; i < PAYLOADS; i++) {
        for (int j = 0; j < 1400; j++) data[i][j] = (unsigned char)rand();
        length[i] = 100 + rand() % 1301;
    }
    struct mmsghdr messages[BATCH];
    struct iovec vectors[BATCH];
    long long sent = 0, failed = 0;
    double start = now();
    for (;;) {
        double elapsed = now() - start;
        if (elapsed >= seconds) break;
        long long due = (long long)(elapsed * rate) + 1;
        while (sent < due) {
            int n = due - sent > BATCH ? BATCH : (int)(due - sent);
            memset(messages, 0, sizeof messages);
            for (int i = 0; i < n; i++) {
                int k = (int)((sent + i) % PAYLOADS);
                vectors[i].iov_base = data[k];
                vectors[i].iov_len = length[k];
                messages[i].msg_hdr.msg_name = &dst;
                messages[i].msg_hdr.msg_namelen = sizeof dst;
                messages[i].msg_hdr.msg_iov = &vectors[i];
                messages[i].msg_hdr.msg_iovlen = 1;
            }
            int done = sendmmsg(fd, messages, (unsigned)n, 0);
            if (done <= 0) {
                failed++; /* ECONNREFUSED (port closed) or ENOBUFS: count it, try again after the pause */
                break;
            }
            sent += done;
        }
        struct timespec pause = {0, 500000};
        nanosleep(&pause, NULL);
    }
    printf("%lld %lld\n", sent, failed);
    return 0;
}
