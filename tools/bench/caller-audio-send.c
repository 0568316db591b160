/* caller-audio-send — the callers' audio for every held call of a load run, from one thread (tools/bench/sip-load
 * --caller-audio). SIPp replays a capture with a thread per call: on 2 cores it keeps up with 300 calls, not 1,000
 * (issue 13). Here SIPp does the signalling only, its SDP naming this program's port; the server, answering, sends each
 * call's prompts here from the call's own RTP port, and the first packet heard from a port starts that call's stream:
 * the UDP payloads of CAPTURE (tools/bench/sipp/caller-audio writes it: G.711 speech every 20 ms, the RFC 4733 key in the
 * same stream at its place) sent back to that port at the capture's own times from then on, with the stream's own SSRC
 * and random sequence and timestamp bases. Symmetric RTP latches the call to this port, so the prompts keep coming here:
 * they are read and dropped. A stream ends with its capture; its port is left alone for QUIET_S seconds after (the
 * call's last prompt packets, up to its BYE, start nothing), then a packet from it is a new call.
 *   caller-audio-send CAPTURE.pcap PORT [QUIET_S]
 * Binds 127.0.0.1:PORT. Sends with sendmmsg in 1 ms ticks (CLOCK_MONOTONIC, TIMER_ABSTIME), reads with recvmmsg; no
 * allocation after start. SIGUSR1: prints one "window:" line for the time since the last one (or the start) — streams
 * playing, packets sent, send errors, the latest a packet went out after its time (ms) — so a benchmark can tell whether
 * the sender kept up during its window. Runs until SIGINT/SIGTERM, then prints one line: streams started and ended,
 * packets sent, send errors, packets received, the latest any packet went out after its time (ms).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_PACKETS 200000 /* packets of the capture kept (over an hour of 20 ms packets) */
#define MAX_PAYLOAD 512
#define BATCH 64
#define TICK_NS 1000000LL
#define PORTS 65536

typedef struct {
    long long offset_ns; /* from the capture's first packet */
    uint16_t length;
    uint8_t payload[MAX_PAYLOAD];
} packet_t;

typedef struct {
    long long start_ns;   /* 0: no stream */
    long long quiet_until; /* a stream ended: packets from this port start nothing before this */
    uint32_t next;         /* next packet of the capture */
    uint32_t ssrc;
    uint16_t seq_base;
    uint32_t ts_base;
} stream_t;

static packet_t *packets;
static uint32_t packet_count;
static stream_t streams[PORTS];
static uint16_t active[PORTS];
static uint32_t active_count;
static volatile sig_atomic_t running = 1;
static volatile sig_atomic_t report = 0;

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void stop(int signal_number) {
    (void)signal_number;
    running = 0;
}

static void ask_report(int signal_number) {
    (void)signal_number;
    report = 1;
}

static uint32_t read_u32(const uint8_t *p, int swapped) {
    uint32_t v;
    memcpy(&v, p, 4);
    return swapped ? __builtin_bswap32(v) : v;
}

/* The UDP payloads of an Ethernet/IPv4 pcap (microsecond or nanosecond timestamps, either byte order). */
static int load_capture(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return -1; }
    uint8_t header[24];
    if (fread(header, 1, 24, f) != 24) { fprintf(stderr, "%s: no pcap header\n", path); fclose(f); return -1; }
    uint32_t magic;
    memcpy(&magic, header, 4);
    int swapped, nano;
    switch (magic) {
        case 0xa1b2c3d4: swapped = 0; nano = 0; break;
        case 0xa1b23c4d: swapped = 0; nano = 1; break;
        case 0xd4c3b2a1: swapped = 1; nano = 0; break;
        case 0x4d3cb2a1: swapped = 1; nano = 1; break;
        default: fprintf(stderr, "%s: not a pcap file\n", path); fclose(f); return -1;
    }
    if (read_u32(header + 20, swapped) != 1) { fprintf(stderr, "%s: not an Ethernet capture\n", path); fclose(f); return -1; }
    packets = calloc(MAX_PACKETS, sizeof(packet_t));
    if (!packets) { fprintf(stderr, "out of memory\n"); fclose(f); return -1; }
    uint8_t record[16], frame[65536];
    long long first = -1;
    while (fread(record, 1, 16, f) == 16) {
        uint32_t caplen = read_u32(record + 8, swapped);
        if (caplen > sizeof frame || fread(frame, 1, caplen, f) != caplen) { fprintf(stderr, "%s: cut record\n", path); break; }
        long long t = (long long)read_u32(record, swapped) * 1000000000LL + (long long)read_u32(record + 4, swapped) * (nano ? 1 : 1000);
        if (caplen < 14 + 20 + 8 || frame[12] != 0x08 || frame[13] != 0x00 || (frame[14] >> 4) != 4 || frame[23] != 17) continue;
        uint32_t ip_header = (frame[14] & 0x0F) * 4u;
        uint32_t udp = 14 + ip_header;
        if (udp + 8 > caplen) continue;
        uint32_t length = ((uint32_t)frame[udp + 4] << 8 | frame[udp + 5]) - 8;
        if (length < 12 || length > MAX_PAYLOAD || udp + 8 + length > caplen) continue;
        if (packet_count == MAX_PACKETS) { fprintf(stderr, "%s: more than %d packets\n", path, MAX_PACKETS); break; }
        if (first < 0) first = t;
        packet_t *p = &packets[packet_count++];
        p->offset_ns = t - first;
        p->length = (uint16_t)length;
        memcpy(p->payload, frame + udp + 8, length);
    }
    fclose(f);
    if (packet_count == 0) { fprintf(stderr, "%s: no UDP packet\n", path); return -1; }
    return 0;
}

/* Sends what is queued (sendmmsg); a message it could not send (e.g. to a port closed meanwhile) counts as an error. */
static void flush(int fd, struct mmsghdr *messages, int *queued, unsigned long long *sent, unsigned long long *errors) {
    int done = sendmmsg(fd, messages, (unsigned)*queued, 0);
    if (done < 0) done = 0;
    *sent += (unsigned)done;
    *errors += (unsigned)(*queued - done);
    *queued = 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: caller-audio-send CAPTURE.pcap PORT [QUIET_S]\n");
        return 2;
    }
    if (load_capture(argv[1]) != 0) return 1;
    long long quiet_ns = (long long)((argc > 3 ? atof(argv[3]) : 2.0) * 1e9);

    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    int buffer = 8 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
    struct sockaddr_in local = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2]))};
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&local, sizeof local) != 0) { perror("bind"); return 1; }
    signal(SIGINT, stop);
    signal(SIGTERM, stop);
    signal(SIGUSR1, ask_report);
    srandom((unsigned)now_ns());

    static uint8_t in_buffers[BATCH][2048], out_buffers[BATCH][MAX_PAYLOAD];
    static struct sockaddr_in in_sources[BATCH], out_targets[BATCH];
    static struct iovec in_iov[BATCH], out_iov[BATCH];
    static struct mmsghdr in_msgs[BATCH], out_msgs[BATCH];
    for (int i = 0; i < BATCH; i++) {
        in_iov[i] = (struct iovec){.iov_base = in_buffers[i], .iov_len = sizeof in_buffers[i]};
        in_msgs[i].msg_hdr = (struct msghdr){.msg_name = &in_sources[i], .msg_namelen = sizeof in_sources[i], .msg_iov = &in_iov[i], .msg_iovlen = 1};
        out_iov[i].iov_base = out_buffers[i];
        out_targets[i] = (struct sockaddr_in){.sin_family = AF_INET};
        out_targets[i].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        out_msgs[i].msg_hdr = (struct msghdr){.msg_name = &out_targets[i], .msg_namelen = sizeof out_targets[i], .msg_iov = &out_iov[i], .msg_iovlen = 1};
    }

    unsigned long long started = 0, ended = 0, sent = 0, send_errors = 0, received = 0;
    long long latest_ns = 0;
    unsigned long long sent_before_window = 0, errors_before_window = 0; /* the totals at the last SIGUSR1 */
    long long window_latest_ns = 0;
    int queued = 0;
    struct timespec tick;
    clock_gettime(CLOCK_MONOTONIC, &tick);
    while (running) {
        long long now = now_ns();
        for (;;) { /* what the server sent: a new port is a new call */
            for (int i = 0; i < BATCH; i++) in_msgs[i].msg_hdr.msg_namelen = sizeof in_sources[i];
            int n = recvmmsg(fd, in_msgs, BATCH, MSG_DONTWAIT, NULL);
            if (n <= 0) break;
            received += (unsigned)n;
            for (int i = 0; i < n; i++) {
                uint16_t port = ntohs(in_sources[i].sin_port);
                stream_t *s = &streams[port];
                if (s->start_ns != 0 || now < s->quiet_until) continue;
                s->start_ns = now;
                s->next = 0;
                s->ssrc = (uint32_t)random() ^ ((uint32_t)port << 16);
                s->seq_base = (uint16_t)random();
                s->ts_base = (uint32_t)random();
                active[active_count++] = port;
                started++;
            }
            if (n < BATCH) break;
        }

        for (uint32_t a = 0; a < active_count;) { /* every stream's packets that are due */
            uint16_t port = active[a];
            stream_t *s = &streams[port];
            while (s->next < packet_count && s->start_ns + packets[s->next].offset_ns <= now) {
                const packet_t *p = &packets[s->next++];
                long long late = now - (s->start_ns + p->offset_ns);
                if (late > latest_ns) latest_ns = late;
                if (late > window_latest_ns) window_latest_ns = late;
                uint8_t *out = out_buffers[queued];
                memcpy(out, p->payload, p->length);
                uint16_t seq = (uint16_t)((out[2] << 8 | out[3]) + s->seq_base);
                uint32_t ts = ((uint32_t)out[4] << 24 | (uint32_t)out[5] << 16 | (uint32_t)out[6] << 8 | out[7]) + s->ts_base;
                out[2] = (uint8_t)(seq >> 8); out[3] = (uint8_t)seq;
                out[4] = (uint8_t)(ts >> 24); out[5] = (uint8_t)(ts >> 16); out[6] = (uint8_t)(ts >> 8); out[7] = (uint8_t)ts;
                out[8] = (uint8_t)(s->ssrc >> 24); out[9] = (uint8_t)(s->ssrc >> 16); out[10] = (uint8_t)(s->ssrc >> 8); out[11] = (uint8_t)s->ssrc;
                out_iov[queued].iov_len = p->length;
                out_targets[queued].sin_port = htons(port);
                if (++queued == BATCH) {
                    flush(fd, out_msgs, &queued, &sent, &send_errors);
                }
            }
            if (s->next == packet_count) { /* the capture is over: so is the call's audio */
                s->start_ns = 0;
                s->quiet_until = now + quiet_ns;
                active[a] = active[--active_count];
                ended++;
                continue;
            }
            a++;
        }
        if (queued > 0) flush(fd, out_msgs, &queued, &sent, &send_errors);
        if (report) {
            report = 0;
            printf("window: streams playing %u; packets sent %llu, send errors %llu; latest send %.3f ms after its time\n",
                   active_count, sent - sent_before_window, send_errors - errors_before_window, window_latest_ns / 1e6);
            fflush(stdout);
            sent_before_window = sent;
            errors_before_window = send_errors;
            window_latest_ns = 0;
        }

        tick.tv_nsec += TICK_NS;
        if (tick.tv_nsec >= 1000000000L) { tick.tv_sec++; tick.tv_nsec -= 1000000000L; }
        long long next = tick.tv_sec * 1000000000LL + tick.tv_nsec;
        if (next < now_ns()) clock_gettime(CLOCK_MONOTONIC, &tick); /* behind: no catch-up burst of ticks */
        else clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &tick, NULL);
    }
    printf("streams started %llu, ended %llu; packets sent %llu, send errors %llu; received %llu; latest send %.3f ms after its time\n",
           started, ended, sent, send_errors, received, latest_ns / 1e6);
    return 0;
}
