#include "matrix_html.h"

#include <gtest/gtest.h>

#include "matrix_test_runs.h"
#include "report_text.h"

namespace jwtconf::harness {
namespace {

using namespace testing_runs;

TEST(HtmlEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(HtmlEscape(R"(<a href="x" onclick='y'>&amp;</a>)"),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;"
            "&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("plain é"), "plain é");
}

TEST(JsonForScript, NoMarkupCanCloseTheScriptElement) {
  nlohmann::json document = {{"detail", "</script><script>alert(1)</script>"},
                             {"more", "<!-- & é \u2028"}};

  std::string text = JsonForScript(document);

  EXPECT_EQ(text.find('<'), std::string::npos) << text;
  EXPECT_EQ(text.find('>'), std::string::npos) << text;
  EXPECT_EQ(text.find('&'), std::string::npos) << text;
  for (char c : text) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << text;
  EXPECT_EQ(nlohmann::json::parse(text), document);
}

TEST(JsonForScript, InvalidUtf8IsReplacedNotThrown) {
  std::string text = JsonForScript({{"detail", "bad \xff byte"}});

  EXPECT_NE(text.find("\\ufffd"), std::string::npos) << text;
}

TEST(MatrixHtml, HostileNamesAndDetailsStayEscaped) {
  VectorResult vector = OneStep("v<img src=x>", "JWT-4", Verdict::kReject,
                                Verdict::kAccept, Outcome::kFail);
  vector.steps[0].detail = "</script><script>alert(1)</script>";
  Matrix matrix;
  matrix.tool_version = "<b>0.1</b>";
  matrix.implementations = {
      Available("<script>x</script>", RunOf("t", {vector}))};

  std::string html = MatrixToHtml(matrix);

  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>0.1"), std::string::npos);
  EXPECT_EQ(html.find("<script>x"), std::string::npos);
  EXPECT_EQ(html.find("alert(1)</script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos);
  // Exactly the two script elements of the page.
  std::size_t scripts = 0;
  for (std::size_t at = html.find("<script"); at != std::string::npos;
       at = html.find("<script", at + 1)) {
    ++scripts;
  }
  EXPECT_EQ(scripts, 2u);
}

TEST(MatrixHtml, SelfContainedWithoutNetworkReferences) {
  Matrix matrix;
  matrix.implementations = {
      Available("a", RunOf("t", {OneStep("v", "JWT-4", Verdict::kReject,
                                         Verdict::kReject, Outcome::kPass)}))};

  std::string html = MatrixToHtml(matrix);

  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
}

}  // namespace
}  // namespace jwtconf::harness
