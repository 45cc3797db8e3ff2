package io.aiopshub.rca.analysis;

/**
 * A suggested action removed from an otherwise valid analysis because the catalog does not know its id
 * or its parameters fail the catalog schema. Kept so the caller can record what the model wanted.
 *
 * @param index position in the model's {@code suggested_actions} array
 */
public record DroppedAction(int index, String actionId, String reason) {
}
