// A database value as text for the field rules: NULL is empty, whole numbers decimal,
// DATE yyyy-mm-dd, TIMESTAMP yyyy-mm-dd hh:mm:ss[.ffffff], text as it is.
#pragma once

#include <Poco/Data/MetaColumn.h>
#include <Poco/Dynamic/Var.h>

#include <string>

namespace brobyg::sql {

// Writes the text of `value` into `out`; false for a value with no text (binary data).
bool columnText(const Poco::Dynamic::Var& value, std::string& out);

// True for the column types a cursor value may have: text and whole numbers, whose text the
// database reads back as exactly the same value.
bool isExactType(Poco::Data::MetaColumn::ColumnDataType type);

// "date", "time", "timestamp", ...: a column type for messages.
const char* typeName(Poco::Data::MetaColumn::ColumnDataType type);

}  // namespace brobyg::sql
