#include "XmlSource.h"

#include "XmlDocument.h"

namespace brobyg::xml {

XmlSource::XmlSource(const sdk::Context& context)
    : sdk::Source(context),
      config_(XmlConfig::fromSettings(context.settings())),
      mapper_(context.settings(), context.dataset(), config_),
      picker_(config_, kCursorFormat, this->context()) {}

void XmlSource::check() {
  picker_.check();
}

files::FileDone XmlSource::readWhole(files::HashingFile& file, const std::string& label,
                                     const sdk::RowSink& sink) {
  // Refused before a byte is held; readBounded holds the line if the file grows meanwhile.
  if (file.sizeNow() > config_.maxFileBytes) refuseTooLarge(label, config_.maxFileBytes);
  XmlDocument document;
  document.bytes = readBounded(file, label, config_.maxFileBytes, file.sizeNow());
  parseDocument(document, label, config_.namespaces);
  return mapper_.read(document, label, sink);
}

void XmlSource::pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink) {
  picker_.pull(cursor, sink, *this);
}

}  // namespace brobyg::xml
