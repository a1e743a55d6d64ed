// A Poco::Data value (SQLite, ODBC) as text for the field rules: NULL is empty, whole numbers
// decimal, DATE yyyy-mm-dd, TIMESTAMP yyyy-mm-dd hh:mm:ss[.ffffff], text as it is.
#pragma once

#include "ResultBatch.h"

#include <Poco/Data/MetaColumn.h>
#include <Poco/Dynamic/Var.h>

#include <string>

namespace brobyg::sql {

// Writes the text of `value` into `out`; false for a value with no text (binary data).
bool columnText(const Poco::Dynamic::Var& value, std::string& out);

// The kind of a Poco::Data column (ResultBatch.h).
ColumnKind kindOf(Poco::Data::MetaColumn::ColumnDataType type);

}  // namespace brobyg::sql
