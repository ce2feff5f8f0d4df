#!/usr/bin/perl
# jwtconf adapter: an RFC 6750 resource server (HTTP::Daemon, a pool of
# threads) that verifies bearer JWTs with Crypt::JWT (Debian
# libcrypt-jwt-perl) the way its documentation shows: decode_jwt with
# kid_keys (the issuer's JWK Set as JSON), verify_iss, verify_aud and leeway.
# Crypt::JWT does no discovery and fetches nothing, so IssuerKeys.pm is
# adapter code.
#
#   /usr/bin/perl server.pl --issuer URL --audience AUD --port PORT
#       [--leeway 60] [--ca-file PATH] [--host 127.0.0.1] [--duration 3600]

use strict;
use warnings;
use threads;

use FindBin ();
use lib $FindBin::RealBin;

use Getopt::Long qw(GetOptionsFromArray);
use IO::Select;
use JSON::PP ();
use POSIX ();
use Socket qw(inet_pton AF_INET6);

BEGIN {
    # Exit 3: the matrix then reports the adapter as unavailable.
    for my $module (qw(Crypt::JWT HTTP::Daemon IO::Socket::SSL)) {
        next if eval "require $module; 1";
        print STDERR "perl-crypt-jwt adapter: $module is not installed; "
            . "apt-get install libcrypt-jwt-perl libhttp-daemon-perl libio-socket-ssl-perl\n";
        exit 3;
    }
}

use BearerRequest;
use IssuerKeys;

use constant {
    MAX_BODY_BYTES => 64 * 1024,
    SOCKET_TIMEOUT => 10,
    THREADS        => 8,
    DRAIN_SECONDS  => 2,
    DRAIN_BYTES    => 4 * 1024 * 1024,
    HTTP_1_0       => 1000,    # HTTP::Daemon's number for HTTP/1.0
};

sub usage {
    print STDERR "perl-crypt-jwt adapter: $_[0]\n";
    exit 2;
}

sub is_loopback {
    my ($host) = @_;
    return 1 if $host =~ /\A127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\z/ && !grep { $_ > 255 } $1, $2, $3;
    my $packed = inet_pton(AF_INET6, $host);
    return defined $packed && $packed eq inet_pton(AF_INET6, '::1');
}

sub parse_options {
    my %options = (leeway => 60, 'ca-file' => '', host => '127.0.0.1', duration => 3600);
    # ca-file:s: empty, or given without a value, when the run serves http.
    GetOptionsFromArray(\@ARGV, \%options, 'version', 'issuer=s', 'audience=s', 'port=i',
        'leeway=i', 'ca-file:s', 'host=s', 'duration=f')
        or usage('bad arguments');
    if ($options{version}) {
        printf "Crypt::JWT %s, CryptX %s (perl %vd)\n", $Crypt::JWT::VERSION, $CryptX::VERSION, $^V;
        exit 0;
    }
    for my $name (qw(issuer audience port)) {
        usage("--$name is required") unless defined $options{$name};
    }
    usage('bad --port') unless $options{port} >= 0 && $options{port} <= 65535;
    usage('bad --leeway') if $options{leeway} < 0;
    usage('bad --duration') unless $options{duration} > 0 && $options{duration} <= 7 * 24 * 3600;
    usage("refusing non-loopback --host $options{host}") unless is_loopback($options{host});
    usage("--issuer is not an http(s) URL: $options{issuer}")
        unless IssuerKeys::http_url($options{issuer});
    $options{ca_file} = delete $options{'ca-file'} // '';
    return \%options;
}

# Crypt::JWT reports errors as "JWT: what failed (values) at FILE line N";
# the reason keeps "what failed" only, so it never quotes input.
sub reason_of {
    my ($error) = @_;
    return $error->{reason} if ref $error eq 'HASH';
    my ($what) = "$error" =~ /\A([^(\n]*?)\s*(?:\(|\bat \S+ line \d+|\n|\z)/;
    $what = substr($what // 'error', 0, 80);
    $what =~ s/[^\x20-\x7e]/?/g;
    return $what;
}

sub verify {
    my ($options, $keys, $token) = @_;
    my $decode = sub {
        Crypt::JWT::decode_jwt(
            token      => $token,
            kid_keys   => $keys->jwks($_[0]),
            verify_iss => $options->{issuer},
            verify_aud => $options->{audience},
            leeway     => $options->{leeway},
        );
    };
    my $claims = eval { $decode->(0) };
    return $claims unless $@;
    # A kid the cached set lacks: once more with a fresh set.
    die $@ unless !ref $@ && $@ =~ /kid_keys lookup failed/;
    return $decode->(1);
}

sub send_json {
    my ($connection, $status, $body, $challenge) = @_;
    my $response = HTTP::Response->new($status);
    $response->header('Content-Type' => 'application/json', 'Cache-Control' => 'no-store');
    $response->header('WWW-Authenticate' => $challenge) if $challenge;
    $response->content(JSON::PP->new->canonical->encode($body));
    $connection->send_response($response);
}

sub answer {
    my ($connection, $status, $error, $reason, $challenge) = @_;
    send_json($connection, $status, { error => $error, reason => $reason }, $challenge);
}

# The request body (ROB-1: at most MAX_BODY_BYTES, read with a timeout), or
# undef after answering a bad one.
sub read_body {
    my ($connection, $request) = @_;
    my $length = $request->header('Content-Length') // '0';
    if (defined $request->header('Transfer-Encoding') || $length !~ /\A\d+\z/) {
        $connection->force_last_request;
        answer($connection, 400, 'invalid_request', 'invalid_request', 'Bearer error="invalid_request"');
        return undef;
    }
    if ($length > MAX_BODY_BYTES) {
        $connection->force_last_request;
        send_json($connection, 413, { error => 'too_large', reason => 'too_large' });
        return undef;
    }
    my $body = $connection->read_buffer('');
    my $select = IO::Select->new($connection);
    while (length $body < $length) {
        return undef unless $select->can_read(SOCKET_TIMEOUT);
        my $read = sysread($connection, $body, $length - length $body, length $body);
        return undef unless $read;
    }
    # Anything beyond the declared length belongs to the next request.
    $connection->read_buffer(substr($body, $length));
    return substr($body, 0, $length);
}

sub serve_request {
    my ($options, $keys, $connection, $request) = @_;
    my $body = read_body($connection, $request);
    return 0 unless defined $body;

    my ($kind, $token) = BearerRequest::classify($request, $body);
    if ($kind eq 'invalid_request') {
        answer($connection, 400, 'invalid_request', 'invalid_request', 'Bearer error="invalid_request"');
    }
    elsif ($kind eq 'missing') {
        answer($connection, 401, 'missing_credentials', 'missing_credentials', 'Bearer');
    }
    else {
        my $claims = eval { verify($options, $keys, $token) };
        if (my $error = $@) {
            # HTTP-3, HTTP-8: the reason only, never the token.
            answer($connection, 401, 'invalid_token', reason_of($error), 'Bearer error="invalid_token"');
        }
        else {
            my $subject = ref $claims eq 'HASH' && defined $claims->{sub} && !ref $claims->{sub}
                ? "$claims->{sub}" : undef;
            send_json($connection, 200, { sub => $subject });
        }
    }
    return 1;
}

# After HTTP::Daemon refused an oversized request head (413, 414) unread,
# reads and drops the rest for a while, so that the client gets the answer
# rather than a connection reset.
sub drain_refused {
    my ($connection) = @_;
    shutdown($connection, 1);
    my $select = IO::Select->new($connection);
    my $deadline = time + DRAIN_SECONDS;
    my ($total, $chunk) = (0, '');
    while (time < $deadline && $total < DRAIN_BYTES && $select->can_read(1)) {
        my $read = sysread($connection, $chunk, 64 * 1024) or last;
        $total += $read;
    }
}

sub worker {
    my ($options, $keys, $daemon) = @_;
    while (1) {
        my $connection = $daemon->accept or next;
        $connection->timeout(SOCKET_TIMEOUT);
        # HTTP::Daemon 6.16 answers a head it refuses before reading its
        # request line (over 16 KiB) as if to an HTTP/0.9 client, with no
        # status line; this makes that answer an HTTP/1.0 one.
        ${*$connection}{httpd_client_proto} = HTTP_1_0;
        while (my $request = $connection->get_request(1)) {
            last unless serve_request($options, $keys, $connection, $request);
        }
        drain_refused($connection) if ($connection->reason // '') =~ /\AVery long/;
        $connection->close;
    }
}

sub main {
    my $options = parse_options();
    my $daemon = HTTP::Daemon->new(
        LocalAddr => $options->{host}, LocalPort => $options->{port},
        ReuseAddr => 1, Listen => 64, Timeout => SOCKET_TIMEOUT,
    ) or do {
        print STDERR "perl-crypt-jwt adapter: cannot listen on $options->{host}:$options->{port}: $!\n";
        exit 1;
    };
    my $keys = IssuerKeys->new(issuer => $options->{issuer}, ca_file => $options->{ca_file});
    threads->create(\&worker, $options, $keys, $daemon)->detach for 1 .. THREADS;

    my $host = $options->{host} =~ /:/ ? "[$options->{host}]" : $options->{host};
    $| = 1;
    print "listening on http://$host:", $daemon->sockport, "\n";

    my $stop = 0;
    local $SIG{TERM} = sub { $stop = 1 };
    local $SIG{INT} = sub { $stop = 1 };
    my $deadline = time + $options->{duration};
    sleep 1 while !$stop && time < $deadline;
    # Detached threads end with the process.
    POSIX::_exit(0);
}

main();
