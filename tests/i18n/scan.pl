#!/usr/bin/perl
# scan.pl FILE.c...: messages for people that do not go through gettext.
# Prints "file:line: text" for each string literal that is the format of
# bh_warn/bh_bad/bh_die/bh_note/bh_*_many/usage_error or fprintf(stderr)/fputs(…, stderr),
# any words of several letters passed to them, the text of a usage()
# function, and reasons made to be shown later (the format of an snprintf into
# why/msg/reason, the text given to entry_end, reject or fail), when it is not
# inside _( ) or N_( ). Exit 1 when any is found.
# A line whose comment, or the comment line above it, starts "no i18n" is left
# alone (say why after it: an engineers' diagnostic, another program's words).
# With FIX=1 in the environment it wraps them in _( ) instead (for engineers).
use strict;
use warnings;

my $fns = 'bh_warn_many|bh_bad_many|bh_warn|bh_bad|bh_die|bh_note|usage_error';
my $str = qr/"(?:\\.|[^"\\])*"/;
my $lits = qr/$str(?:\s*$str)*/;
my $bad = 0;

for my $f (@ARGV) {
	open my $fh, '<', $f or die "$f: $!\n";
	my $src = do { local $/; <$fh> };
	close $fh;
	# Lines marked "no i18n" in a comment (engineers' diagnostics, another
	# program's own words passed on) are not for the catalog.
	my @lines = split /\n/, $src, -1;
	# Comments blanked (same length, so positions hold); strings kept.
	$src =~ s{($str|'(?:\\.|[^'\\])*')|(/\*.*?\*/)|(//[^\n]*)}{
		defined $1 ? $1 : ($2 // $3) =~ s/[^\n]/ /gr }gse;
	my @fix;
	my $report = sub {
		my ($pos, $lit) = @_;
		my $line = 1 + (substr($src, 0, $pos) =~ tr/\n//);
		return if grep { m{/\*\s*no i18n\b} } @lines[$line > 1 ? $line - 2 : 0, $line - 1];
		push @fix, [$pos, length $lit];
		printf "%s:%d: %s\n", $f, $line, substr($lit =~ s/\s+|\\n/ /gr, 0, 70);
		$bad++;
	};
	my $wrapped = sub { $_[0] =~ /\b(?:N_|_|gettext|ngettext)\s*\(\s*$/ };

	# Calls of the message helpers: their arguments, up to the matching ')'.
	while ($src =~ /\b($fns|fprintf\s*\(\s*stderr\s*,|fputs)\s*\(?/g) {
		my ($fn, $start) = ($1, pos($src));
		next if $fn !~ /fprintf/ && substr($src, $start - 1, 1) ne '(';
		my ($depth, $i, $n) = (1, $start, length $src);
		while ($i < $n && $depth) {
			my $c = substr($src, $i, 1);
			if ($c eq '"' && substr($src, $i) =~ /^($str)/) {
				$i += length $1;
				next;
			}
			$depth++ if $c eq '(';
			$depth-- if $c eq ')';
			$i++;
		}
		my $args = substr($src, $start, $i - $start - 1);
		next if $fn eq 'fputs' && $args !~ /,\s*stderr\s*$/;
		# Text already inside _( ), N_( ), ngettext( ) is blanked out.
		$args = blank_wrapped($args);
		while ($args =~ /($lits)/g) {
			my ($lit, $p) = ($1, $-[1]);
			my $before = substr($args, 0, $p);
			next if $wrapped->($before);
			my $first = $before =~ /^\s*$/ || ($fn =~ /_many/ && $before =~ /^[^,]*,\s*$/);
			(my $text = $lit) =~ s/%[-+ #0-9.*]*[hlLqjzt]*[a-zA-Z%]//g;
			if (($first && $text =~ /[A-Za-z]{2,}/) || $text =~ /[A-Za-z]{2,}\s+[A-Za-z]/) {
				$report->($start + $p, $lit);
			}
		}
	}
	# Reasons made here and shown later (translated where they are shown,
	# so they must be in the catalog): the format of snprintf into a why/msg/
	# reason buffer, and the text given to entry_end, reject, fail.
	while ($src =~ /\b(?:snprintf\s*\(\s*(?:\w+->)?(?:why|msg|reason)\b[^,;]*,[^,;]*,|entry_end\s*\([^,;()]*,|(?:reject|fail)\s*\([^,;()]*,)\s*(?=")/g) {
		my $p = pos($src);
		next unless substr($src, $p) =~ /^($lits)/;
		my $lit = $1;
		(my $text = $lit) =~ s/%[-+ #0-9.*]*[hlLqjzt]*[a-zA-Z%]//g;
		$report->($p, $lit) if $text =~ /[a-z]{2,}/;
	}
	# usage functions: every literal holding words.
	while ($src =~ /^((?:\w[^\n(]*\s)?usage\w*\s*\([^)]*\)\s*\{)(.*?)^\}/gms) {
		my ($body, $off) = ($2, $-[2]);
		while ($body =~ /($lits)/g) {
			my ($lit, $p) = ($1, $-[1]);
			next unless $lit =~ /[A-Za-z]{2,}\s/ || $lit =~ /usage/;
			next if $wrapped->(substr($body, 0, $p));
			$report->($off + $p, $lit);
		}
	}
	if ($ENV{FIX} && @fix) {
		open my $in, '<', $f or die "$f: $!\n";
		my $orig = do { local $/; <$in> };
		close $in;
		my %seen;
		for my $x (sort { $b->[0] <=> $a->[0] } @fix) {
			next if $seen{$x->[0]}++;
			substr($orig, $x->[0], $x->[1]) = '_(' . substr($orig, $x->[0], $x->[1]) . ')';
		}
		open my $out, '>', $f or die "$f: $!\n";
		print $out $orig;
		close $out;
	}
}
exit($bad ? 1 : 0);

# The text with every _( … ), N_( … ), gettext( … ), ngettext( … ) blanked.
sub blank_wrapped {
	my ($s) = @_;
	while ($s =~ /\b(?:N_|_|gettext|ngettext)\s*\(/g) {
		my ($from, $i, $depth) = ($-[0], pos($s), 1);
		while ($i < length $s && $depth) {
			my $c = substr($s, $i, 1);
			if ($c eq '"' && substr($s, $i) =~ /^($str)/) {
				$i += length $1;
				next;
			}
			$depth++ if $c eq '(';
			$depth-- if $c eq ')';
			$i++;
		}
		substr($s, $from, $i - $from) = ' ' x ($i - $from);
		pos($s) = $i;
	}
	return $s;
}
