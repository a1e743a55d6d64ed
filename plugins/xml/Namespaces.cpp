#include "Namespaces.h"

#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace brobyg::xml {
namespace {

class Binder {
 public:
  Binder(const std::map<std::string, std::string>& namespaces,
         std::unordered_map<const void*, std::ptrdiff_t>& offsets)
      : offsets_(offsets) {
    for (const auto& [prefix, uri] : namespaces) prefixOf_.emplace(uri, prefix);
  }

  // Takes the element's xmlns declarations into scope and renames it and its attributes.
  void enter(pugi::xml_node element) {
    marks_.push_back(undo_.size());
    for (pugi::xml_attribute attribute : element.attributes()) {
      const std::string_view name = attribute.name();
      if (name == "xmlns") {
        declare("", attribute.value());
      } else if (name.substr(0, 6) == "xmlns:") {
        declare(std::string(name.substr(6)), attribute.value());
      }
    }
    const std::ptrdiff_t offset = element.offset_debug();
    if (rename(element, true)) offsets_.emplace(element.internal_object(), offset);
    for (pugi::xml_attribute attribute : element.attributes()) {
      const std::string_view name = attribute.name();
      if (name == "xmlns" || name.substr(0, 6) == "xmlns:") continue;
      // An unprefixed attribute is in no namespace, whatever the default namespace.
      if (name.find(':') != std::string_view::npos) rename(attribute, false);
    }
  }

  // Puts back the declarations the element's start overrode.
  void leave() {
    for (size_t i = undo_.size(); i > marks_.back(); --i) {
      auto& [prefix, previous] = undo_[i - 1];
      if (previous) {
        inScope_[prefix] = std::move(*previous);
      } else {
        inScope_.erase(prefix);
      }
    }
    undo_.resize(marks_.back());
    marks_.pop_back();
  }

 private:
  void declare(const std::string& prefix, const std::string& uri) {
    auto it = inScope_.find(prefix);
    undo_.emplace_back(
        prefix, it == inScope_.end() ? std::nullopt : std::optional<std::string>(it->second));
    inScope_[prefix] = uri;  // xmlns="" undeclares the default namespace: "" = none
  }

  // True when the name changed.
  template <typename Node>
  bool rename(Node node, bool element) {
    const std::string_view name = node.name();
    const size_t colon = name.find(':');
    const std::string prefix(colon == std::string_view::npos ? std::string_view{}
                                                             : name.substr(0, colon));
    const std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
    const auto bound = inScope_.find(prefix);
    std::string uri;
    if (bound != inScope_.end()) {
      uri = bound->second;
    }
    const bool undeclared = uri.empty() && !prefix.empty();  // not namespace-well-formed
    // Unprefixed attributes are in no namespace; xml: is bound in every document, and in
    // every XPath (xml:lang), to the same URI.
    if ((!element && prefix.empty()) || prefix == "xml") return false;
    std::string wanted;
    if (undeclared) {
      wanted = "{undeclared}:" + std::string(local);
    } else if (uri.empty()) {
      wanted = local;
    } else if (auto it = prefixOf_.find(uri); it != prefixOf_.end()) {
      wanted = it->second + ":" + std::string(local);
    } else {
      wanted = "{other}:" + std::string(local);  // local-name() still gives the local name
    }
    if (wanted == name) return false;
    node.set_name(wanted.c_str());
    return true;
  }

  std::unordered_map<const void*, std::ptrdiff_t>& offsets_;
  std::unordered_map<std::string, std::string> prefixOf_;  // URI -> configured prefix
  std::unordered_map<std::string, std::string> inScope_;   // document prefix -> URI
  std::vector<std::pair<std::string, std::optional<std::string>>> undo_;
  std::vector<size_t> marks_;  // undo_.size() when each open element was entered
};

}  // namespace

void bindNamespaces(pugi::xml_document& document,
                    const std::map<std::string, std::string>& namespaces,
                    std::unordered_map<const void*, std::ptrdiff_t>& offsets) {
  Binder binder(namespaces, offsets);
  pugi::xml_node node = document.first_child();
  while (node) {
    const bool element = node.type() == pugi::node_element;
    if (element) binder.enter(node);
    if (element && node.first_child()) {
      node = node.first_child();
      continue;
    }
    // Leave this node, and every ancestor whose last child it was.
    while (node) {
      if (node.type() == pugi::node_element) binder.leave();
      if (node.next_sibling()) {
        node = node.next_sibling();
        break;
      }
      node = node.parent();
      if (node == document) node = pugi::xml_node();
    }
  }
}

}  // namespace brobyg::xml
