package org.peft4j.api;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Selects base parameters by their timm-style dotted names. Patterns are globs on whole names:
 * {@code *} matches within one dotted component, {@code **} across components, e.g.
 * {@code blocks.*.norm1.*}, {@code **.bias}.
 */
public final class ParameterSelector implements Predicate<String> {

    private final Pattern pattern;
    private final String description;

    private ParameterSelector(Pattern pattern, String description) {
        this.pattern = pattern;
        this.description = description;
    }

    /**
     * Selects names matching any of the globs.
     *
     * @param globs glob patterns
     * @return the selector
     */
    public static ParameterSelector globs(String... globs) {
        StringBuilder regex = new StringBuilder();
        for (String glob : globs) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            regex.append("(?:").append(toRegex(glob)).append(')');
        }
        return new ParameterSelector(Pattern.compile(regex.toString()), Arrays.toString(globs));
    }

    /**
     * Selects every base parameter.
     *
     * @return the selector
     */
    public static ParameterSelector all() {
        return globs("**");
    }

    @Override
    public boolean test(String name) {
        return pattern.matcher(name).matches();
    }

    @Override
    public String toString() {
        return description;
    }

    private static String toRegex(String glob) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean twice = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                out.append(twice ? ".*" : "[^.]*");
                i += twice ? 1 : 0;
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
