package org.peft4j.runtime.config;

/**
 * A declared configuration key with its type.
 *
 * @param key the dotted key, e.g. {@code train.epochs}
 * @param type how its text is parsed
 * @param description one line for help texts
 * @param <T> the value type
 */
public record Setting<T>(String key, SettingType<T> type, String description) {}
