#!/usr/bin/perl
# References in the documentation point at things that exist (issue 17): over docs/*.md,
# README.md and every README.md below plugins/, installer/, bench/ and tests/:
# - Markdown links: the file exists; a #fragment is a heading of that file (GitHub's slugs).
# - `path/like/this` in backticks: a file or folder of the repository (tried from the root,
#   host/core/, plugins/ and the document's own folder; a path without its extension names the
#   files that start with it, like `config/SchoolCalendarConfig`).
# - FILE.md "Section": FILE.md has a heading that holds Section.
# - `brobyg COMMAND`: COMMAND is one of the commands `brobyg --help` lists (when the binary is
#   given as the second argument).
# Not checked as paths: time zones and MIME types (`Europe/Copenhagen`), dates and cron steps
# (`2025/26`), the folders of a running installation (state folder, key folder, inbox) or of
# the demo (`out/`), paths outside the repository (`../`) and the names in %notFiles below.
# usage: references.pl REPO_ROOT [BROBYG_BINARY [BUILD_DIR]]
use strict;
use warnings;
use utf8;
use File::Basename qw(dirname);
use File::Find;
binmode(STDOUT, ':encoding(UTF-8)');
binmode(STDERR, ':encoding(UTF-8)');

my ($root, $brobyg, $build) = @ARGV;
chdir $root or die "references.pl: cannot enter $root\n";

my @docs = (glob('docs/*.md'), 'README.md');
find(sub {
       $File::Find::prune = 1 if $_ eq 'node_modules';
       push @docs, $File::Find::name if $_ eq 'README.md';
     },
     grep { -d } qw(plugins installer bench tests));
s{^\./}{} for @docs;

# Named in the docs but made by the reader, each with why.
my %notFiles = (
  'plugins/lines/' => 'the plugin author guide\'s example, which the reader writes',
  'tests/LinesTest.cpp' => 'the plugin author guide\'s example test, which the reader writes',
  'datasets/dataset' => 'an element path of the manifest',
  'sources/source' => 'an element path of the manifest',
  'a/b' => 'an id the configuration refuses, as an example',
);
my %runtimeFolders = map { $_ => 1 }
  qw(locks inbox state keys cases quarantine outbox drop export work packages receipts out);
my %notPaths = map { $_ => 1 }
  qw(application text image Europe America Asia Africa Australia Pacific Atlantic Etc);

my %commands;
if ($brobyg) {
  for (qx{"$brobyg" --help 2>&1}) { $commands{$1} = 1 if /^  ([a-z][a-z-]+)\s{2,}/ }
  die "references.pl: no commands read from $brobyg --help\n" unless %commands;
  $commands{help} = 1;  # `brobyg help COMMAND`, the same as `brobyg COMMAND --help`
}

sub slurp {
  my ($file) = @_;
  open(my $in, '<:encoding(UTF-8)', $file) or return undef;
  local $/;
  return <$in>;
}

# GitHub's heading anchors: lower case, punctuation but - and _ dropped, spaces to hyphens.
sub slug {
  my ($text) = @_;
  $text = lc $text;
  $text =~ s/`//g;
  $text =~ s/[^\w\- ]//g;
  $text =~ s/ /-/g;
  return $text;
}

my %headings;  # file -> list of heading texts
sub headings {
  my ($file) = @_;
  return $headings{$file} //= do {
    my $text = slurp($file) // '';
    $text =~ s/^```.*?^```//gms;  # a "# comment" in a code block is no heading
    [map { s/\s+$//r } ($text =~ /^#{1,6}\s+(.+)$/mg)];
  };
}

sub isPathLike {
  my ($path) = @_;
  my @segments = split m{/}, $path;
  return 0 if $notFiles{$path} || $path =~ /\.\.\./;
  return 0 if $notPaths{$segments[0]} || $runtimeFolders{$segments[0]};
  return 0 if $segments[0] =~ /^build-/;  # another build folder (Windows, sanitizers): not this one
  return 0 if $segments[0] eq '..';  # outside the repository (the team's shared design notes)
  return 0 if grep { /^[\d\-*]+$/ } @segments;
  return 1;
}

sub existsLike {
  my ($path, $docDir) = @_;
  $path =~ s{^build/}{} if $build;
  my @bases = ('', 'host/core/', 'host/fuzz/', 'plugins/', "$docDir/", glob('plugins/*/fuzz/'));
  push @bases, "$build/" if $build;
  for my $base (@bases) {
    my $candidate = "$base$path";
    $candidate =~ s{/$}{};
    return 1 if -e $candidate;
    return 1 if glob("$candidate.*") || glob("$candidate*.*");
  }
  return 0;
}

my $failures = 0;
my $checked = 0;
sub fail { print STDERR "FAIL: $_[0]\n"; $failures++; }

for my $doc (@docs) {
  my $text = slurp($doc);
  next unless defined $text;
  my $dir = dirname($doc);
  my $line = 0;
  my $inCode = 0;
  for (split /\n/, $text) {
    $line++;
    if (/^\s*```/) { $inCode = !$inCode; next; }
    my $where = "$doc:$line";
    while (/\]\(([^)\s]+)\)/g) {
      my $target = $1;
      next if $target =~ m{^(https?|mailto):};
      my ($file, $fragment) = split /#/, $target, 2;
      my $path = $file eq '' ? $doc : "$dir/$file";
      $checked++;
      if (!-e $path) { fail("$where: link to $target: no file $path"); next; }
      next unless defined $fragment && $path =~ /\.md$/;
      fail("$where: link to $target: $path has no heading with that anchor")
        unless grep { slug($_) eq $fragment } @{headings($path)};
    }
    next if $inCode;
    while (/`([A-Za-z0-9_.\-]+(?:\/[A-Za-z0-9_.\-]+)+\/?)`/g) {
      my $path = $1;
      next unless isPathLike($path);
      $checked++;
      fail("$where: `$path` names no file or folder") unless existsLike($path, $dir);
    }
    while (/(\b[\w.\-\/]+\.md)\s+"([^"]+)"/g) {
      my ($file, $section) = ($1, $2);
      my ($path) = grep { -e } ($file, "$dir/$file", "docs/$file");
      $checked++;
      if (!$path) { fail("$where: $file \"$section\": no such file"); next; }
      fail("$where: $file has no heading holding \"$section\"")
        unless grep { index(lc $_, lc $section) >= 0 } @{headings($path)};
    }
    if (%commands) {
      while (/`brobyg ([a-z][a-z-]*)/g) {
        $checked++;
        fail("$where: `brobyg $1`: brobyg has no command $1") unless $commands{$1};
      }
    }
  }
}
print "references: $checked references in " . scalar(@docs) . " documents checked, $failures wrong\n";
exit($failures ? 1 : 0);
