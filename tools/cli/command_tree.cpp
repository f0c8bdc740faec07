#include "tools/cli/command_tree.hpp"

#include <CLI/CLI.hpp>

namespace nyxmon::tools {

namespace {

// A check id is what options named check, and positionals named check,
// take.
bool names_a_check(const CLI::Option& option) {
  for (const std::string& name : option.get_lnames())
    if (name == "check") return true;
  const std::string type = option.get_type_name();
  return option.get_name(true) == "check" || type == "CHECK" || type == "C";
}

// `prefix`: the names of the commands above, below the root ("check").
CommandDoc describe(const CLI::App& app, const std::string& prefix, bool root) {
  CommandDoc doc;
  doc.name = prefix.empty() ? app.get_name() : prefix + " " + app.get_name();
  doc.description = app.get_description();
  for (const CLI::Option* option : app.get_options()) {
    OptionDoc out;
    if (option->nonpositional()) {
      for (const std::string& name : option->get_lnames())
        out.names.push_back("--" + name);
      for (const std::string& name : option->get_snames())
        out.names.push_back("-" + name);
    } else {
      out.positional = option->get_name(true);
    }
    if (option->get_expected_min() > 0 || option->get_positional()) {
      out.value_name = option->get_type_name();
      if (out.value_name.empty()) out.value_name = "VALUE";
    }
    out.description = option->get_description();
    out.takes_check_id = names_a_check(*option);
    doc.options.push_back(std::move(out));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty()) continue;  // hidden
    doc.subcommands.push_back(describe(*sub, root ? std::string() : doc.name, false));
  }
  return doc;
}

}  // namespace

CommandDoc describe_commands(const CLI::App& app) {
  CommandDoc root = describe(app, "", true);
  root.name = "nyxmon";
  return root;
}

}  // namespace nyxmon::tools
