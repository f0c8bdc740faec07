#include "infrastructure/probes/mail_replies.hpp"

#include <gtest/gtest.h>

namespace nyxmon::infra::probes {
namespace {

TEST(MailReplies, SmtpReplyLinesGiveTheirCodeAndWhetherMoreFollow) {
  auto first = parse_smtp_reply_line("250-SIZE 10240000");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->code, 250);
  EXPECT_FALSE(first->last);
  EXPECT_EQ(first->text, "SIZE 10240000");
  auto bare = parse_smtp_reply_line("221");
  ASSERT_TRUE(bare);
  EXPECT_TRUE(bare->last);
  EXPECT_EQ(bare->text, "");
  for (const char* line : {"", "25", "2x0 ok", "250x", "* OK IMAP"})
    EXPECT_FALSE(parse_smtp_reply_line(line)) << line;
}

TEST(MailReplies, ImapLiteralsAndSearchAnswers) {
  EXPECT_EQ(imap_literal_size("* 1 FETCH (BODY[] {342}"), 342u);
  EXPECT_EQ(imap_literal_size("a LOGIN {5+}"), 5u);
  EXPECT_FALSE(imap_literal_size("* OK {not a number}"));
  EXPECT_FALSE(imap_literal_size("* OK {}"));
  EXPECT_FALSE(imap_literal_size("* OK {99999999999999999999999}"));
  EXPECT_EQ(imap_search_uids({"4 EXISTS", "SEARCH 3 17 x 42", "SEARCHED 9", "search 5"}),
            (std::vector<std::string>{"3", "17", "42", "5"}));
  std::set<std::string> capabilities;
  add_imap_capabilities("IMAP4rev1 uidplus  STARTTLS", capabilities);
  EXPECT_EQ(capabilities, (std::set<std::string>{"IMAP4REV1", "STARTTLS", "UIDPLUS"}));
}

}  // namespace
}  // namespace nyxmon::infra::probes
