#!/usr/bin/perl
# A real SIP softphone (Net::SIP) for end-to-end tests of `ivr serve` on loopback.
# Calls sip:NUMBER@127.0.0.1:PORT, offers PCMU/8000 with telephone-event/8000 (RFC 4733),
# sends µ-law silence, records every received PCMU payload into a raw µ-law file placed by
# RTP timestamp (gaps are filled with µ-law silence 0xFF), optionally sends DTMF keys after a
# delay (rfc2833 = RFC 4733 events, audio = in-band tones), and hangs up after --seconds.
# Exit 0 when the call was answered, audio was received and the call was hung up; else non-zero.
#
# usage: softphone.pl --port P --out FILE [--number 12333] [--seconds 20] [--local-port 0]
#                     [--dtmf DIGITS --dtmf-at SECONDS --method rfc2833|audio] [--key-ms 250] [--no-telephone-event]
# --key-ms is each key's length: Net::SIP sends one packet per 20 ms timer tick for that wall-clock time, so on a
# busy machine a short in-band key can shrink below what a detector needs (40 ms); 250 ms leaves room.
# --no-telephone-event offers PCMU alone (the server listens for in-band keys only then).
use strict;
use warnings;
use Getopt::Long;
use IO::Socket::INET;
use Time::HiRes qw(time);
use Net::SIP;

my ($port, $out, $number, $seconds, $local_port, $digits, $dtmf_at, $method, $no_te, $key_ms) =
    (undef, undef, '12333', 20, 0, '', 5, 'rfc2833', 0, 250);
GetOptions(
    'port=i' => \$port, 'out=s' => \$out, 'number=s' => \$number, 'seconds=f' => \$seconds,
    'local-port=i' => \$local_port, 'dtmf=s' => \$digits, 'dtmf-at=f' => \$dtmf_at, 'method=s' => \$method,
    'no-telephone-event' => \$no_te, 'key-ms=i' => \$key_ms,
) or die "bad arguments\n";
die "--port and --out are required\n" unless $port && $out;
die "--method must be rfc2833 or audio\n" unless $method =~ /^(rfc2833|audio)$/;
die "--seconds must be between 1 and 120\n" unless $seconds >= 1 && $seconds <= 120;
die "--key-ms must be between 40 and 2000\n" unless $key_ms >= 40 && $key_ms <= 2000;
die "--dtmf digits must be 0-9 * # A-D\n" unless $digits =~ /^[0-9*#A-D]*$/;

# Hard bound: whatever happens, the process ends.
$SIG{ALRM} = sub { print STDERR "softphone: hard timeout\n"; exit 3 };
alarm(int($seconds) + 15);

my $sock = IO::Socket::INET->new(Proto => 'udp', LocalAddr => '127.0.0.1', LocalPort => $local_port)
    or die "softphone: cannot bind UDP on 127.0.0.1:$local_port: $!\n";
my $me = 'sip:softphone@127.0.0.1:' . $sock->sockport;
my $ua = Net::SIP::Simple->new(from => $me, leg => $sock, domain => '127.0.0.1');

# Received audio is placed by its RTP timestamp (RFC 3550 §5.1: the sender's sampling clock), so a
# busy machine that delays our reading does not distort the timeline; gaps become µ-law silence.
my %audio;          # frame index (20 ms) -> payload
my ($frames, $events, $stop) = (0, 0, 0);
my ($ts_base, $last_slot, $last_arrival, $first_arrival, $lead_min, $lead_max);   # timeline state
my $silence = chr(0xFF) x 160;
my $record = sub {
    my ($payload, $seq, $ts, $channel, $pt) = @_;
    if ($pt != 0) { $events++; return }       # only PCMU audio is what the caller hears
    my $now = time();
    if (!defined $ts_base) {
        $ts_base = $ts;
    } elsif (abs((($ts - $ts_base) % 2**32) / 160 - $last_slot) > 3000) {
        # a new timestamp base (new stream): continue where the arrival clock says we are
        $ts_base = ($ts - 160 * ($last_slot + int(($now - $last_arrival) * 50 + 0.5))) % 2**32;
    }
    my $slot = int((($ts - $ts_base) % 2**32) / 160);
    $audio{$slot} = $payload;
    $first_arrival //= $now;
    my $lead = $slot / 50 - ($now - $first_arrival);   # how far the sender's clock runs ahead of arrival
    $lead_min = $lead if !defined $lead_min || $lead < $lead_min;
    $lead_max = $lead if !defined $lead_max || $lead > $lead_max;
    ($last_slot, $last_arrival) = ($slot, $now) if !defined $last_slot || $slot >= $last_slot;
    $frames++;
};
# Where "now" lies on the recording's timeline, in seconds.
my $recording_now = sub { defined $last_slot ? ($last_slot + 1) / 50 + (time() - $last_arrival) : 0 };
my $send = sub { return $silence };            # the caller keeps quiet (keys are mixed in by Net::SIP)

# Our own SDP offer (RFC 4566, RFC 3264): PCMU/8000 (payload 0), with telephone-event/8000 on 101 (RFC 4733 §7)
# unless --no-telephone-event.
my ($media_port, @media_socks) = Net::SIP::Util::create_rtp_sockets('127.0.0.1')
    or die "softphone: cannot open RTP sockets: $!\n";
my $sdp = Net::SIP::SDP->new(
    { addr => '127.0.0.1' },
    {
        port  => $media_port, proto => 'RTP/AVP', media => 'audio',
        fmt   => $no_te ? [0] : [0, 101],
        a     => [ 'rtpmap:0 PCMU/8000', 'ptime:20', $no_te ? () : ('rtpmap:101 telephone-event/8000', 'fmtp:101 0-16') ],
    },
);

my ($answered, $failed, $hungup_by_peer) = (0, 0, 0);
my $call = $ua->invite("sip:$number\@127.0.0.1:$port",
    sdp            => $sdp,
    media_lsocks   => [ \@media_socks ],
    init_media     => $ua->rtp('send_recv', $send, 0, $record),
    cb_final       => sub { my ($status, $c, %info) = @_; $status eq 'OK' ? $answered = 1 : ($failed = "$status " . ($info{code} // '')) },
    cb_rtp_done    => sub { },
    recv_bye       => sub { $hungup_by_peer = 1; $stop = 1 },
) or die "softphone: invite failed: " . $ua->error . "\n";

$ua->loop(10, \$answered, \$failed);
if (!$answered) {
    print STDERR "softphone: call not answered: " . ($failed || 'timeout') . "\n";
    exit 1;
}
my $answered_at = time();
print STDERR sprintf("softphone: answered, local %s\n", $me);

if (length $digits) {
    my $delay = $dtmf_at;
    $ua->add_timer($delay, sub {
        # The key starts with the first event or tone packet on the next 20 ms tick; cb_final keeps the
        # event loop (and the recording) running while it is sent.
        my ($answer_s, $recording_s) = (time() - $answered_at, $recording_now->());
        $call->dtmf($digits, methods => $method, duration => $key_ms, cb_final => sub {
            printf STDERR "softphone: sent %s by %s from %.2f s after the answer, %.2f s into the recording (done %.2f s into it)\n",
                $digits, $method, $answer_s, $recording_s, $recording_now->();
        });
    });
}
$ua->add_timer($seconds, sub { $stop = 1 });
$ua->loop(\$stop);

my $bye_ok = 0;
if (!$hungup_by_peer) {
    $call->bye(cb_final => sub { $bye_ok = 1 });
    $ua->loop(5, \$bye_ok);
}
$call->cleanup;
$ua->cleanup;

open(my $fh, '>:raw', $out) or die "softphone: cannot write $out: $!\n";
my $last = (sort { $a <=> $b } keys %audio)[-1] // -1;
print $fh ($audio{$_} // $silence) for 0 .. $last;
close $fh;

printf STDERR "softphone: RTP timestamps ran %.3f to %.3f s ahead of arrival\n", $lead_min // 0, $lead_max // 0;
printf STDERR "softphone: %d audio frames (%d missing on the timestamp line), %d other packets, peer hung up: %s, bye acknowledged: %s\n",
    $frames, $last + 1 - scalar(keys %audio), $events, $hungup_by_peer ? 'yes' : 'no', $bye_ok ? 'yes' : 'no';
exit 4 if $frames == 0;
exit 5 if !$hungup_by_peer && !$bye_ok;
exit 0;
