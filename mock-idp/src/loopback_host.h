// The mock issuer only ever listens on loopback; these decide what that means.
#pragma once

#include <string>
#include <string_view>

namespace jwtconf::mockidp::internal {

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopbackHost(std::string_view host);

// The literal address to bind: "localhost" becomes 127.0.0.1 so that the
// resolver cannot pick a non-loopback address.
std::string BindAddress(std::string_view host);

// The host as it appears in a URL: IPv6 literals in brackets (RFC 3986 3.2.2).
std::string UrlHost(std::string_view host);

}  // namespace jwtconf::mockidp::internal
