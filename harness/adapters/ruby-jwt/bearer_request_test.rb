# frozen_string_literal: true

# Tests of the RFC 6750 request classification: /usr/bin/ruby bearer_request_test.rb

require 'minitest/autorun'
require_relative 'bearer_request'

class BearerRequestTest < Minitest::Test
  FORM = 'application/x-www-form-urlencoded'

  # The parts of a WEBrick::HTTPRequest that classify reads.
  FakeRequest = Struct.new(:header, :query_string, :content_type, :body)

  def classify(authorization: [], query: nil, content_type: nil, body: nil)
    BearerRequest.classify(FakeRequest.new({ 'authorization' => authorization }, query, content_type, body))
  end

  def test_bearer_header_yields_token
    assert_equal [:token, 'a.b.c'], classify(authorization: ['Bearer a.b.c'])
  end

  def test_scheme_matches_case_insensitively
    assert_equal [:token, 'a.b-_~+/c=='], classify(authorization: ['bEaReR a.b-_~+/c=='])
  end

  def test_no_header_is_missing
    assert_equal [:missing, nil], classify
  end

  def test_other_scheme_is_missing
    assert_equal [:missing, nil], classify(authorization: ['Basic dXNlcjpwYXNz'])
  end

  def test_query_or_form_token_alone_is_missing
    assert_equal [:missing, nil], classify(query: 'access_token=a.b.c')
    assert_equal [:missing, nil], classify(content_type: FORM, body: 'access_token=a.b.c')
  end

  def test_two_headers_are_invalid_request
    assert_equal [:invalid_request, nil], classify(authorization: ['Bearer a.b.c', 'Bearer a.b.c'])
  end

  def test_empty_header_is_invalid_request
    assert_equal [:invalid_request, nil], classify(authorization: [''])
  end

  def test_header_with_query_or_form_token_is_invalid_request
    assert_equal [:invalid_request, nil], classify(authorization: ['Bearer a.b.c'], query: 'access_token=x')
    assert_equal [:invalid_request, nil],
                 classify(authorization: ['Bearer a.b.c'], content_type: FORM, body: 'access_token=x')
  end

  def test_malformed_credentials_are_invalid_request
    ["Bearer\ta.b.c", 'Bearer', 'Bearer a,b.c', 'Bearer "a.b.c"', 'Bearer a.b.c extra',
     "Bearer a.b.c\n"].each do |value|
      assert_equal [:invalid_request, nil], classify(authorization: [value]), value.inspect
    end
  end
end
