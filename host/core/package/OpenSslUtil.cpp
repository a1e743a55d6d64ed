#include "package/OpenSslUtil.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"

namespace brobyg::package::ossl {

std::string drainErrors() {
  std::string text;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text;
}

void fail(const std::string& what) {
  std::string detail = drainErrors();
  throw Error(detail.empty() ? what : what + ": " + detail);
}

BioPtr openRead(const std::string& path) {
  BioPtr bio(BIO_new_file(path.c_str(), "rb"));
  if (!bio) fail(path + ": cannot open for reading");
  return bio;
}

BioPtr openWrite(const std::string& path) {
  BioPtr bio(BIO_new_file(path.c_str(), "wb"));
  if (!bio) fail(path + ": cannot open for writing");
  return bio;
}

namespace {
struct OutputFileBioState {
  OutputFile* file = nullptr;
  std::string error;
};

int outputWrite(BIO* bio, const char* data, int size) {
  auto* state = static_cast<OutputFileBioState*>(BIO_get_data(bio));
  if (state == nullptr || !state->error.empty() || size < 0) return -1;
  try {
    state->file->write(data, static_cast<std::size_t>(size));
    return size;
  } catch (const std::exception& e) {
    state->error = e.what();
    return -1;
  }
}

long outputCtrl(BIO*, int cmd, long, void*) {
  return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

int outputCreate(BIO* bio) {
  BIO_set_init(bio, 1);
  return 1;
}

int outputDestroy(BIO* bio) {
  delete static_cast<OutputFileBioState*>(BIO_get_data(bio));
  BIO_set_data(bio, nullptr);
  return 1;
}

const BIO_METHOD* outputFileMethod() {
  // Made once and kept for the life of the process, as OpenSSL's own BIO methods are.
  static BIO_METHOD* method = [] {
    BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "brobyg file");
    if (m == nullptr || BIO_meth_set_write(m, outputWrite) != 1 ||
        BIO_meth_set_ctrl(m, outputCtrl) != 1 || BIO_meth_set_create(m, outputCreate) != 1 ||
        BIO_meth_set_destroy(m, outputDestroy) != 1)
      fail("cannot create the output BIO method");
    return m;
  }();
  return method;
}
}  // namespace

BioPtr outputFileBio(OutputFile& file) {
  BioPtr bio(BIO_new(outputFileMethod()));
  if (!bio) fail(file.path() + ": cannot create output BIO");
  BIO_set_data(bio.get(), new OutputFileBioState{&file, {}});
  return bio;
}

void rethrowWriteError(BIO* bio) {
  auto* state = static_cast<OutputFileBioState*>(BIO_get_data(bio));
  if (state != nullptr && !state->error.empty()) throw Error(state->error);
}

X509Ptr loadCertificate(const std::string& path) {
  BioPtr bio = openRead(path);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) fail(path + ": cannot read PEM certificate");
  return cert;
}

namespace {
// Never prompt on a terminal for a pass phrase: a service has none.
int noPassword(char*, int, int, void*) {
  return -1;
}
}  // namespace

PkeyPtr loadPrivateKey(const std::string& path) {
  // Owner and mode are checked on the descriptor that is then read, and the fd BIO reads with
  // read(2): no stdio buffer keeps a copy of the key.
  int fd = openPrivateFile(path, "private key");
  BioPtr bio(BIO_new_fd(fd, BIO_CLOSE));
  if (!bio) {
#ifdef _WIN32
    ::_close(fd);
#else
    ::close(fd);
#endif
    fail(path + ": cannot open for reading");
  }
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassword, nullptr));
  if (!key) fail(path + ": cannot read PEM private key (encrypted keys are not supported)");
  return key;
}

std::string subjectOf(X509* cert) {
  BioPtr mem(BIO_new(BIO_s_mem()));
  if (!mem) fail("cannot allocate memory BIO");
  if (X509_NAME_print_ex(mem.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253) < 0)
    fail("cannot print certificate subject");
  char* data = nullptr;
  long size = BIO_get_mem_data(mem.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace brobyg::package::ossl
