# frozen_string_literal: true

# jwtconf adapter: an RFC 6750 resource server (WEBrick) that verifies bearer
# JWTs with ruby-jwt (Debian ruby-jwt) the way its README shows: JWT.decode
# with `algorithms`, a `jwks:` loader, iss/aud verification and leeway.
# ruby-jwt does no discovery and fetches nothing, so the loader
# (issuer_keys.rb) is adapter code.
#
#   /usr/bin/ruby server.rb --issuer URL --audience AUD --port PORT
#       [--leeway 60] [--ca-file PATH] [--host 127.0.0.1] [--duration 3600]

require 'ipaddr'
require 'json'
require 'optparse'

begin
  require 'jwt'
  require 'webrick'
rescue LoadError => e
  # Exit 3: the matrix then reports the adapter as unavailable.
  warn "ruby-jwt adapter: #{e.message}; apt-get install ruby-jwt ruby-webrick"
  exit 3
end

require_relative 'bearer_request'
require_relative 'issuer_keys'

# JWS-11: the asymmetric algorithms of the profile; ruby-jwt demands a list.
PROFILE_ALGORITHMS = %w[RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA].freeze
MAX_BODY_BYTES = 64 * 1024
REQUEST_TIMEOUT = 10
MAX_CONNECTIONS = 32

def version_line
  "ruby-jwt #{JWT.gem_version}, #{OpenSSL::OPENSSL_LIBRARY_VERSION.split[0, 2].join(' ')} (ruby #{RUBY_VERSION})"
end

def usage(message)
  warn "ruby-jwt adapter: #{message}"
  exit 2
end

def loopback?(host)
  IPAddr.new(host).loopback?
rescue IPAddr::InvalidAddressError
  false
end

def parse_options
  options = { leeway: 60, ca_file: '', host: '127.0.0.1', duration: 3600.0 }
  OptionParser.new do |parser|
    parser.on('--version') { puts version_line; exit 0 }
    parser.on('--issuer URL') { |v| options[:issuer] = v }
    parser.on('--audience AUD') { |v| options[:audience] = v }
    parser.on('--port N', Integer) { |v| options[:port] = v }
    parser.on('--leeway S', Integer) { |v| options[:leeway] = v }
    # Empty (or given without a value) when the run serves plain http.
    parser.on('--ca-file [PATH]') { |v| options[:ca_file] = v.to_s }
    parser.on('--host HOST') { |v| options[:host] = v }
    parser.on('--duration S', Float) { |v| options[:duration] = v }
  end.parse!(ARGV)
  %i[issuer audience port].each { |name| usage("--#{name} is required") unless options[name] }
  usage('bad --port') unless (0..65_535).cover?(options[:port])
  usage('bad --leeway') if options[:leeway].negative?
  usage('bad --duration') unless options[:duration].positive? && options[:duration] <= 7 * 24 * 3600
  usage("refusing non-loopback --host #{options[:host]}") unless loopback?(options[:host])
  options
rescue OptionParser::ParseError => e
  usage(e.message)
end

# Verifies with ruby-jwt; raises its errors (or the loader's) on refusal.
class RubyJwtVerifier
  def initialize(options)
    @decode_options = {
      algorithms: PROFILE_ALGORITHMS,
      jwks: IssuerKeys.new(options[:issuer], options[:ca_file]),
      iss: options[:issuer], verify_iss: true,
      aud: options[:audience], verify_aud: true,
      leeway: options[:leeway]
    }
  end

  def verify(token)
    JWT.decode(token, nil, true, @decode_options).first
  end
end

# The protected resource: every path and method, answers in JSON.
class BearerServlet < WEBrick::HTTPServlet::AbstractServlet
  def initialize(server, verifier)
    super(server)
    @verifier = verifier
  end

  def do_GET(request, response)
    return unless body_acceptable?(request, response)

    kind, token = BearerRequest.classify(request)
    case kind
    when :invalid_request
      answer(response, 400, 'invalid_request', 'invalid_request', 'Bearer error="invalid_request"')
    when :missing
      answer(response, 401, 'missing_credentials', 'missing_credentials', 'Bearer')
    else
      serve_token(response, token)
    end
  end

  alias do_POST do_GET
  alias do_PUT do_GET
  alias do_PATCH do_GET
  alias do_DELETE do_GET

  private

  def serve_token(response, token)
    claims = @verifier.verify(token)
    subject = claims.is_a?(Hash) && claims['sub'].is_a?(String) ? claims['sub'] : nil
    send_json(response, 200, { sub: subject })
  rescue StandardError, SystemStackError => e
    # HTTP-3, HTTP-8: the reason only, never the token or a message.
    reason = e.is_a?(IssuerKeys::FetchError) ? e.reason : e.class.name
    answer(response, 401, 'invalid_token', reason, 'Bearer error="invalid_token"')
  end

  # ROB-1: a body is read only when it is small and has a length.
  def body_acceptable?(request, response)
    length = request['content-length']
    if request['transfer-encoding'] || (length && length !~ /\A\d+\z/)
      response.keep_alive = false
      answer(response, 400, 'invalid_request', 'invalid_request', 'Bearer error="invalid_request"')
      return false
    end
    return true if length.to_i <= MAX_BODY_BYTES

    response.keep_alive = false
    send_json(response, 413, { error: 'too_large', reason: 'too_large' })
    false
  end

  def answer(response, status, error, reason, challenge)
    response['WWW-Authenticate'] = challenge
    send_json(response, status, { error: error, reason: reason })
  end

  def send_json(response, status, body)
    response.status = status
    response['Content-Type'] = 'application/json'
    response['Cache-Control'] = 'no-store'
    response.body = JSON.generate(body)
  end
end

def main
  options = parse_options
  $stdout.sync = true
  server = WEBrick::HTTPServer.new(
    BindAddress: options[:host], Port: options[:port],
    MaxClients: MAX_CONNECTIONS, RequestTimeout: REQUEST_TIMEOUT,
    DoNotReverseLookup: true, Logger: WEBrick::Log.new(File::NULL), AccessLog: [],
    StartCallback: lambda {
      host = options[:host].include?(':') ? "[#{options[:host]}]" : options[:host]
      puts "listening on http://#{host}:#{server.config[:Port]}"
    }
  )
  server.mount('/', BearerServlet, RubyJwtVerifier.new(options))
  %w[TERM INT].each { |signal| trap(signal) { server.shutdown } }
  Thread.new do
    sleep options[:duration]
    server.shutdown
  end
  server.start
rescue SystemCallError => e
  warn "ruby-jwt adapter: cannot listen on #{options[:host]}:#{options[:port]}: #{e.message}"
  exit 1
end

main
