#!/usr/bin/perl
# Tests of the RFC 6750 request classification: prove -v BearerRequest.t

use strict;
use warnings;

use FindBin ();
use lib $FindBin::RealBin;

use HTTP::Request;
use Test::More;

use BearerRequest;

my $FORM = 'application/x-www-form-urlencoded';

sub classify {
    my (%args) = @_;
    my $uri = 'http://127.0.0.1/' . (defined $args{query} ? "?$args{query}" : '');
    my $request = HTTP::Request->new(GET => $uri);
    $request->push_header(Authorization => $_) for @{ $args{authorization} // [] };
    $request->header('Content-Type' => $args{content_type}) if $args{content_type};
    return [BearerRequest::classify($request, $args{body} // '')];
}

is_deeply classify(authorization => ['Bearer a.b.c']), ['token', 'a.b.c'], 'bearer header yields the token';
is_deeply classify(authorization => ['bEaReR a.b-_~+/c==']), ['token', 'a.b-_~+/c=='],
    'scheme matches case-insensitively';
is_deeply classify(), ['missing'], 'no header is missing';
is_deeply classify(authorization => ['Basic dXNlcjpwYXNz']), ['missing'], 'other scheme is missing';
is_deeply classify(query => 'access_token=a.b.c'), ['missing'], 'query token alone is missing';
is_deeply classify(content_type => $FORM, body => 'access_token=a.b.c'), ['missing'],
    'form token alone is missing';
is_deeply classify(authorization => ['Bearer a.b.c', 'Bearer a.b.c']), ['invalid_request'],
    'two headers are an invalid request';
is_deeply classify(authorization => ['']), ['invalid_request'], 'an empty header is an invalid request';
is_deeply classify(authorization => ['Bearer a.b.c'], query => 'access_token=x'), ['invalid_request'],
    'header and query token are an invalid request';
is_deeply classify(authorization => ['Bearer a.b.c'], content_type => $FORM, body => 'access_token=x'),
    ['invalid_request'], 'header and form token are an invalid request';
for my $value ("Bearer\ta.b.c", 'Bearer', 'Bearer a,b.c', 'Bearer "a.b.c"', 'Bearer a.b.c extra') {
    is_deeply classify(authorization => [$value]), ['invalid_request'], "malformed: $value";
}

done_testing;
