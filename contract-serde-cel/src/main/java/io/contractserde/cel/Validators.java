package io.contractserde.cel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The checks behind the extension functions {@code isEmail}, {@code isHostname}, {@code isIpv4},
 * {@code isIpv6}, {@code isUri}, {@code isUriRef} and {@code isUuid}. Each is linear in the
 * length of its input.
 */
final class Validators {
  private static final Pattern LOCAL_PART =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Validators() {}

  /** {@code local@host}: a dot-atom local part of at most 64 characters and a valid host name. */
  static boolean isEmail(String s) {
    int at = s.lastIndexOf('@');
    if (at <= 0 || at > 64 || s.length() > 254) {
      return false;
    }
    return LOCAL_PART.matcher(s.substring(0, at)).matches() && isHostname(s.substring(at + 1));
  }

  /** An RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, 253 characters at most. */
  static boolean isHostname(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String label : s.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Four decimal octets, each 0 to 255 without leading zeros. */
  static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return false;
      }
      for (int i = 0; i < p.length(); i++) {
        if (p.charAt(i) < '0' || p.charAt(i) > '9') {
          return false;
        }
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /** An RFC 4291 text address: eight groups of 1 to 4 hex digits, one {@code ::}, an IPv4 tail. */
  static boolean isIpv6(String s) {
    if (s.length() < 2 || s.length() > 45) {
      return false;
    }
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
    String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
    String[] sides = {head, tail};
    int groups = 0;
    for (int k = 0; k < sides.length; k++) {
      if (sides[k].isEmpty()) {
        continue;
      }
      String[] parts = sides[k].split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i];
        // Only the address's last group may be a dotted IPv4 address.
        boolean last = i == parts.length - 1 && (k == 1 || doubleColon < 0);
        if (last && p.indexOf('.') >= 0) {
          if (!isIpv4(p)) {
            return false;
          }
          groups += 2;
        } else if (isHexGroup(p)) {
          groups++;
        } else {
          return false;
        }
      }
    }
    return doubleColon >= 0 ? groups <= 7 : groups == 8;
  }

  private static boolean isHexGroup(String p) {
    if (p.isEmpty() || p.length() > 4) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      if (Character.digit(p.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** An absolute URI (with a scheme). */
  static boolean isUri(String s) {
    URI uri = uri(s);
    return uri != null && uri.isAbsolute();
  }

  /** A URI reference: an absolute or a relative URI. */
  static boolean isUriRef(String s) {
    return uri(s) != null;
  }

  /** The textual form {@code 8-4-4-4-12} of hex digits. */
  static boolean isUuid(String s) {
    return UUID.matcher(s).matches();
  }

  private static URI uri(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
