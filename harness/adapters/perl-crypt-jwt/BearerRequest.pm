package BearerRequest;

# RFC 6750 §2: where an HTTP::Request carries its token. The same rules as
# ../python-common/bearer_server.py and the node adapters' classify(), in
# Perl because this adapter's HTTP server is Perl's.

use strict;
use warnings;

use URI;

# RFC 6750 §2.1: b64token after "Bearer" and one or more spaces.
my $BEARER = qr/\Abearer +([A-Za-z0-9\-._~+\/]+=*)\z/i;

sub has_access_token {
    my ($text) = @_;
    return 0 unless defined $text && length $text;
    my $uri = URI->new('http://localhost/');
    $uri->query($text);
    my %form = $uri->query_form;
    return exists $form{access_token} ? 1 : 0;
}

# ('invalid_request'), ('missing') or ('token', $token).
sub classify {
    my ($request, $body) = @_;
    # RFC 9110 §5.5: surrounding whitespace is not part of the value.
    my @authorization = map { my $v = $_; $v =~ s/\A[ \t]+|[ \t]+\z//g; $v }
        $request->headers->header('Authorization');
    my $query = has_access_token($request->uri->query);
    my $form = lc($request->header('Content-Type') // '')
        =~ m{\Aapplication/x-www-form-urlencoded}
        && has_access_token($body);

    my $value = $authorization[0];
    # HTTP-4: more than one Authorization header, an empty one, or a token
    # in both the query and the body.
    return ('invalid_request')
        if @authorization > 1 || (defined $value && $value eq '') || ($query && $form);

    # HTTP-2, HTTP-5: no bearer header (a query or body token alone is not
    # accepted); the scheme matches case-insensitively (HTTP-1).
    my $scheme = defined $value ? (split /[ \t]/, $value, 2)[0] // '' : '';
    return ('missing') unless lc $scheme eq 'bearer';
    # HTTP-4: a bearer header together with another method, or malformed.
    return ('invalid_request') if $query || $form;

    return $value =~ $BEARER ? ('token', $1) : ('invalid_request');
}

1;
