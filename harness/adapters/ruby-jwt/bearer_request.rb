# frozen_string_literal: true

require 'uri'

# RFC 6750 §2: where a WEBrick request carries its token. The same rules as
# ../python-common/bearer_server.py and the node adapters' classify(), in
# Ruby because this adapter's HTTP server is Ruby's.
module BearerRequest
  # RFC 6750 §2.1: b64token after "Bearer" and one or more spaces.
  BEARER = /\Abearer +([A-Za-z0-9\-._~+\/]+=*)\z/i.freeze

  def self.access_token?(text)
    URI.decode_www_form(text.to_s).any? { |name, _| name == 'access_token' }
  rescue ArgumentError
    false
  end

  # [:invalid_request, nil], [:missing, nil] or [:token, token].
  def self.classify(request)
    authorization = request.header['authorization']
    query = access_token?(request.query_string)
    form = request.content_type.to_s.downcase
                  .start_with?('application/x-www-form-urlencoded') &&
           access_token?(request.body)

    value = authorization.first
    # HTTP-4: more than one Authorization header, an empty one, or a token
    # in both the query and the body.
    return [:invalid_request, nil] if authorization.length > 1 || value == '' || (query && form)

    # HTTP-2, HTTP-5: no bearer header (a query or body token alone is not
    # accepted); the scheme matches case-insensitively (HTTP-1).
    scheme = value.nil? ? '' : value.split(/[ \t]/, 2).first.to_s
    return [:missing, nil] unless scheme.casecmp?('bearer')
    # HTTP-4: a bearer header together with another method, or malformed.
    return [:invalid_request, nil] if query || form

    match = BEARER.match(value)
    match ? [:token, match[1]] : [:invalid_request, nil]
  end
end
