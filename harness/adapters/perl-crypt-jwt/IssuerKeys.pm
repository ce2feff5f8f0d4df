package IssuerKeys;

# The issuer's JWK Set as JSON text, for Crypt::JWT's kid_keys: OpenID
# Connect discovery (<issuer>/.well-known/openid-configuration, exact issuer,
# jwks_uri) and a cache shared by the server's threads, refetched when
# Crypt::JWT reports an unknown kid at most once per COOLDOWN (JWKS-10).
# Crypt::JWT fetches nothing itself; all of this is adapter code, with
# HTTP::Tiny as Perl users fetch.

use strict;
use warnings;

use threads;
use threads::shared;

use Thread::Queue;

use HTTP::Tiny;
use JSON::PP ();
use Time::HiRes ();
use URI;

use constant {
    FETCH_TIMEOUT      => 5,
    MAX_DOCUMENT_BYTES => 512 * 1024,    # as the reference's fetcher
    LIFESPAN           => 300,           # as the Python adapters' cache
    COOLDOWN           => 30,            # as npm jose's createRemoteJWKSet
};

my $jwks_uri :shared;
my $jwks_text :shared;
my $fetched_at :shared;
my $attempts :shared = 0;
my $last_failure :shared;

# A failure of this adapter code: dies with { reason => CODE }.
sub fail { die { reason => $_[0] } }

sub new {
    my ($class, %args) = @_;
    return bless {%args}, $class;
}

# The cached set; a fresh one when $kid_not_found and the cooldown allows.
sub jwks {
    my ($self, $kid_not_found) = @_;
    my $seen = $attempts;
    lock($jwks_text);
    # ROB-2: a request that waited while another one fetched shares that
    # attempt's failure, rather than spending a timeout of its own.
    fail($last_failure) if $attempts != $seen && defined $last_failure;

    my $age = defined $fetched_at ? Time::HiRes::time() - $fetched_at : undef;
    return $jwks_text
        unless !defined $age || $age >= LIFESPAN || ($kid_not_found && $age >= COOLDOWN);
    my $text = eval { $self->fetch($self->jwks_uri, 'jwks_fetch_failed') };
    my $error = $@;
    $attempts++;
    if ($error) {
        $last_failure = ref $error eq 'HASH' ? $error->{reason} : 'jwks_fetch_failed';
        die $error;
    }
    $last_failure = undef;
    $jwks_text = $text;
    $fetched_at = Time::HiRes::time();
    return $jwks_text;
}

# Discovered on first use (under the cache's lock); a failure is not cached.
sub jwks_uri {
    my ($self) = @_;
    return $jwks_uri if defined $jwks_uri;

    # DISC-2: one trailing slash removed, then the well-known path.
    (my $base = $self->{issuer}) =~ s{/\z}{};
    my $text = $self->fetch("$base/.well-known/openid-configuration", 'discovery_failed');
    my $metadata = eval { JSON::PP->new->max_depth(64)->decode($text) };
    fail('discovery_failed') unless ref $metadata eq 'HASH';
    # DISC-3: the metadata names exactly the configured issuer.
    my $issuer = $metadata->{issuer};
    fail('discovery_issuer_mismatch') unless defined $issuer && !ref $issuer && $issuer eq $self->{issuer};
    my $uri = $metadata->{jwks_uri};
    fail('discovery_failed') unless defined $uri && !ref $uri && http_url($uri);
    # DISC-4: https only, unless the run itself is plain http.
    fail('discovery_failed') if URI->new($uri)->scheme ne 'https' && URI->new($self->{issuer})->scheme eq 'https';
    $jwks_uri = $uri;
    return $jwks_uri;
}

sub http_url {
    my $uri = URI->new($_[0]);
    return ($uri->scheme // '') =~ /\Ahttps?\z/ && length($uri->host // '');
}

# The body at $url: https trusting only the run's CA file, no proxy,
# bounded in size (ROB-1) and time (ROB-2); redirects are not followed, so
# none leads to another origin (DISC-7).
# HTTP::Tiny's own timeout misses a TLS 1.3 server that never answers (a
# blocking read after a session ticket), so the request runs in a thread
# of its own and is abandoned after FETCH_TIMEOUT.
sub fetch {
    my ($self, $url, $reason) = @_;
    my $answer = Thread::Queue->new;
    threads->create(sub { $answer->enqueue($self->get($url)) })->detach;
    my $response = $answer->dequeue_timed(FETCH_TIMEOUT) or fail($reason);
    # DISC-5: only a 2xx answer is used.
    return $response->{content} if $response->{success};
    fail('too_large') if $response->{status} == 599 && $response->{content} =~ /exceeds the maximum/;
    fail($reason);
}

sub get {
    my ($self, $url) = @_;
    my %ssl = length $self->{ca_file} ? (SSL_options => { SSL_ca_file => $self->{ca_file} }) : ();
    my $http = HTTP::Tiny->new(
        timeout     => FETCH_TIMEOUT,
        max_redirect => 0,
        max_size    => MAX_DOCUMENT_BYTES,
        verify_SSL  => 1,
        proxy       => undef,
        http_proxy  => undef,
        https_proxy => undef,
        %ssl,
    );
    my $response = $http->get($url, { headers => { Accept => 'application/json' } });
    return { map { $_ => $response->{$_} } qw(success status content) };
}

1;
