# frozen_string_literal: true

require 'json'
require 'net/http'
require 'openssl'
require 'uri'

# The issuer's JWK Set, as the loader ruby-jwt's `jwks:` option calls:
# OpenID Connect discovery (<issuer>/.well-known/openid-configuration, exact
# issuer, jwks_uri) and a cached set, refetched when ruby-jwt reports an
# unknown kid at most once per COOLDOWN (JWKS-10), the pattern of ruby-jwt's
# README. ruby-jwt fetches nothing itself; all of this is adapter code.
class IssuerKeys
  FETCH_TIMEOUT = 5
  MAX_DOCUMENT_BYTES = 512 * 1024 # as the reference's fetcher
  LIFESPAN = 300 # as the Python adapters' JWK Set cache
  COOLDOWN = 30 # as npm jose's createRemoteJWKSet

  # A failure of this adapter code, with a reason code of the catalogue.
  class FetchError < StandardError
    attr_reader :reason

    def initialize(reason, detail = reason)
      super(detail)
      @reason = reason
    end
  end

  def initialize(issuer, ca_file)
    @issuer = issuer
    @ca_file = ca_file
    @lock = Mutex.new
    @jwks_uri = nil
    @keys = nil
    @fetched_at = nil
    @attempts = 0
    @last_failure = nil
  end

  # ruby-jwt's loader: options[:kid_not_found] asks for a fresh set.
  def call(options)
    seen = @attempts
    @lock.synchronize do
      # ROB-2: a request that waited while another one fetched shares that
      # attempt's failure, rather than spending a timeout of its own.
      raise @last_failure if @attempts != seen && @last_failure

      fetch_keys if @keys.nil? || age >= LIFESPAN || (options[:kid_not_found] && age >= COOLDOWN)
      @keys
    end
  end

  private

  def age
    Process.clock_gettime(Process::CLOCK_MONOTONIC) - @fetched_at
  end

  def fetch_keys
    # A set that is not JSON fails here and is not kept.
    @keys = parse_json(fetch(jwks_uri, 'jwks_fetch_failed'), 'jwks_malformed')
    @fetched_at = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    @last_failure = nil
  rescue FetchError => e
    @last_failure = e
    raise
  ensure
    @attempts += 1
  end

  # Discovered on first use; a failure is not cached.
  def jwks_uri
    @jwks_uri ||= discover
  end

  def discover
    # DISC-2: one trailing slash removed, then the well-known path.
    url = "#{@issuer.delete_suffix('/')}/.well-known/openid-configuration"
    metadata = parse_json(fetch(url, 'discovery_failed'), 'discovery_failed')
    # DISC-3: the metadata names exactly the configured issuer.
    raise FetchError, 'discovery_issuer_mismatch' unless metadata.is_a?(Hash) && metadata['issuer'] == @issuer

    uri = metadata['jwks_uri']
    raise FetchError.new('discovery_failed', 'no usable jwks_uri') unless uri.is_a?(String) && http_uri(uri)
    # DISC-4: https only, unless the run itself is plain http.
    raise FetchError.new('discovery_failed', 'jwks_uri is not https') if URI(uri).scheme != 'https' && URI(@issuer).scheme == 'https'

    uri
  end

  def parse_json(text, reason)
    JSON.parse(text)
  rescue JSON::ParserError
    raise FetchError.new(reason, 'not JSON')
  end

  def http_uri(text)
    uri = URI(text)
    uri.is_a?(URI::HTTP) && uri.host ? uri : nil
  rescue URI::InvalidURIError
    nil
  end

  # The body at url with Net::HTTP, as Ruby users fetch it: no redirects
  # followed, https trusting only the run's CA file, bounded in time and size.
  def fetch(url, reason)
    uri = http_uri(url) or raise FetchError.new(reason, 'not an http(s) URL')
    deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + FETCH_TIMEOUT
    body = +''
    client(uri).start do |http|
      http.request_get(uri.request_uri, 'Accept' => 'application/json') do |response|
        # DISC-5: only a 2xx answer is used.
        raise FetchError.new(reason, "HTTP #{response.code}") unless response.is_a?(Net::HTTPSuccess)

        response.read_body do |chunk|
          body << chunk
          raise FetchError, 'too_large' if body.bytesize > MAX_DOCUMENT_BYTES # ROB-1
          raise FetchError.new(reason, 'deadline passed') if Process.clock_gettime(Process::CLOCK_MONOTONIC) > deadline
        end
      end
    end
    body.force_encoding(Encoding::UTF_8)
  rescue SystemCallError, IOError, Timeout::Error, OpenSSL::SSL::SSLError, Net::HTTPBadResponse, SocketError => e
    raise FetchError.new(reason, e.class.name)
  end

  def client(uri)
    http = Net::HTTP.new(uri.host, uri.port, nil) # no proxy
    http.open_timeout = http.read_timeout = http.ssl_timeout = http.write_timeout = FETCH_TIMEOUT
    # Net::HTTP retries an idempotent request once after a timeout, which
    # would double the bound (ROB-2).
    http.max_retries = 0
    if uri.scheme == 'https'
      http.use_ssl = true
      http.verify_mode = OpenSSL::SSL::VERIFY_PEER
      http.verify_hostname = true
      # Given a CA file, OpenSSL trusts it alone (no default store).
      http.ca_file = @ca_file unless @ca_file.empty?
    end
    http
  end
end
