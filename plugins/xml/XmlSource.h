// The xml source: reads new export documents from a directory and remembers the ones it read.
#pragma once

#include "RecordMapper.h"
#include "XmlConfig.h"

#include <common/FilePicker.h>

#include <brobyg_plugin.hpp>

#include <optional>
#include <string>

namespace brobyg::xml {

inline constexpr files::CursorFormat kCursorFormat{"xml", "brobyg-xml-cursor 1", ""};

class XmlSource : public sdk::Source, private files::FileReader {
 public:
  explicit XmlSource(const sdk::Context& context);

  // The directory exists and can be listed.
  void check() override;
  // Reads every matching document not in the cursor, in path order, each one whole: a
  // document that changed or grew is read again from its start (the host drops the rows it
  // delivered before). After each finished document the sink gets the new cursor. Throws
  // sdk::Error naming the file for a document that is too large, declares a document type or
  // is not well-formed: that file and the ones after it wait for the next run.
  void pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink) override;

 private:
  files::FileDone readWhole(files::HashingFile& file, const std::string& label,
                            const sdk::RowSink& sink) override;

  XmlConfig config_;
  RecordMapper mapper_;
  files::FilePicker picker_;
};

}  // namespace brobyg::xml
