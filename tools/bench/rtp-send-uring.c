/* tools/bench/rtp-send-uring.c — can io_uring cut the pacing thread's cost per RTP datagram? (issue 13: one datagram
 * per stream every 20 ms, each call on its own socket, so sendmmsg cannot batch across calls; io_uring can submit the
 * sends of 100 sockets in one system call.) CPU time of this process per 172-byte datagram over loopback (delivery
 * runs in the sender's context, so it is counted; the sink is never read, as in Ivr.Media.Benchmarks --rtp-send), 100
 * sockets in turn, 200,000 datagrams a case, 7 rounds; prints each case's best and worst round:
 *   sendto                      what ships (libc sendto per datagram, unconnected sockets: RtpEndpoint.Send)
 *   io_uring sendmsg x100       one io_uring_enter submits the 100 sockets' sendmsg and waits for them
 *   connected send              the sockets connect()ed to the peer, send() per datagram
 *   io_uring send x100          the same connected sockets, one io_uring_enter for 100 sends
 * Build and run (liburing is not installed by tools/test):
 *   apt-get install -y liburing-dev && gcc -O2 -o /tmp/rtp-send-uring tools/bench/rtp-send-uring.c -luring && /tmp/rtp-send-uring
 */
#include <arpa/inet.h>
#include <liburing.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#define SOCKETS 100
#define DATAGRAMS 200000
#define ROUNDS 7
#define CASES 4

static double cpu_ns(void) {
  struct rusage r;
  getrusage(RUSAGE_SELF, &r);
  return (r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1e9 + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) * 1e3;
}

static void reap(struct io_uring *ring, unsigned want) {
  struct io_uring_cqe *cqe;
  unsigned head, seen = 0;
  io_uring_for_each_cqe(ring, head, cqe) seen++;
  io_uring_cq_advance(ring, seen);
  if (seen != want) fprintf(stderr, "rtp-send-uring: %u completions, %u expected\n", seen, want);
}

int main(void) {
  struct sockaddr_in sink = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t length = sizeof sink;
  int sink_socket = socket(AF_INET, SOCK_DGRAM, 0);
  if (bind(sink_socket, (struct sockaddr *)&sink, sizeof sink) || getsockname(sink_socket, (struct sockaddr *)&sink, &length)) {
    perror("rtp-send-uring: sink");
    return 1;
  }
  int unconnected[SOCKETS], connected[SOCKETS];
  for (int i = 0; i < SOCKETS; i++) {
    struct sockaddr_in any = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    unconnected[i] = socket(AF_INET, SOCK_DGRAM, 0);
    connected[i] = socket(AF_INET, SOCK_DGRAM, 0);
    if (bind(unconnected[i], (struct sockaddr *)&any, sizeof any) || connect(connected[i], (struct sockaddr *)&sink, sizeof sink)) {
      perror("rtp-send-uring: sockets");
      return 1;
    }
  }
  char packet[172];
  memset(packet, 0x80, sizeof packet);
  struct iovec vector = {packet, sizeof packet};
  struct msghdr messages[SOCKETS];
  for (int i = 0; i < SOCKETS; i++) {
    memset(&messages[i], 0, sizeof messages[i]);
    messages[i].msg_name = &sink;
    messages[i].msg_namelen = sizeof sink;
    messages[i].msg_iov = &vector;
    messages[i].msg_iovlen = 1;
  }
  struct io_uring ring;
  int error = io_uring_queue_init(2 * SOCKETS, &ring, 0);
  if (error) {
    fprintf(stderr, "rtp-send-uring: io_uring_queue_init: %s\n", strerror(-error));
    return 1;
  }

  static const char *names[CASES] = {"sendto", "io_uring sendmsg x100", "connected send", "io_uring send x100"};
  double best[CASES], worst[CASES];
  for (int c = 0; c < CASES; c++) best[c] = 1e18, worst[c] = 0;
  for (int round = 0; round < ROUNDS; round++) {
    for (int c = 0; c < CASES; c++) {
      double start = cpu_ns();
      for (int sent = 0; sent < DATAGRAMS; sent += SOCKETS) {
        for (int i = 0; i < SOCKETS; i++) {
          if (c == 0) sendto(unconnected[i], packet, sizeof packet, MSG_DONTWAIT, (struct sockaddr *)&sink, sizeof sink);
          else if (c == 2) send(connected[i], packet, sizeof packet, MSG_DONTWAIT);
          else {
            struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
            if (c == 1) io_uring_prep_sendmsg(sqe, unconnected[i], &messages[i], MSG_DONTWAIT);
            else io_uring_prep_send(sqe, connected[i], packet, sizeof packet, MSG_DONTWAIT);
          }
        }
        if (c == 1 || c == 3) {
          io_uring_submit_and_wait(&ring, SOCKETS);
          reap(&ring, SOCKETS);
        }
      }
      double ns = (cpu_ns() - start) / DATAGRAMS;
      if (ns < best[c]) best[c] = ns;
      if (ns > worst[c]) worst[c] = ns;
    }
  }
  for (int c = 0; c < CASES; c++) printf("%-24s %6.0f ns per datagram (best of %d; worst %.0f)\n", names[c], best[c], ROUNDS, worst[c]);
  io_uring_queue_exit(&ring);
  return 0;
}
